using System.Text;
using NesMep.Core.Settings;
using Xunit;

namespace NesMep.Core.Tests.Settings;

/// <summary>docs/configuration.md's table of settings is the model's table; this fails when they disagree.</summary>
public class SettingsDocTests
{
    private const string Begin = "<!-- settings table: generated from SettingsTable, checked by SettingsDocTests -->";
    private const string End = "<!-- end of settings table -->";

    [Fact]
    public void The_documented_table_of_settings_matches_the_model()
    {
        string path = Path.Combine(RepoRoot(), "docs", "configuration.md");
        string doc = File.ReadAllText(path).Replace("\r\n", "\n");
        int start = doc.IndexOf(Begin, StringComparison.Ordinal);
        int end = doc.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "docs/configuration.md lacks the table markers");
        string documented = doc.Substring(start + Begin.Length, end - start - Begin.Length).Trim('\n');
        string expected = Render();
        Assert.True(documented == expected, "docs/configuration.md is out of date; replace the table between the markers with:\n" + expected);
    }

    /// <summary>One row per setting, in table order.</summary>
    public static string Render()
    {
        var sb = new StringBuilder();
        sb.Append("| Setting | Default | Allowed | Web form field | Notes |\n");
        sb.Append("|---|---|---|---|---|\n");
        foreach (SettingField f in SettingsTable.All)
        {
            string def = f.DefaultValueText.Length == 0 ? "(empty)" : "`" + f.DefaultValueText + "`";
            var notes = new List<string>();
            if (f.Has(SettingField.Secret))
            {
                notes.Add("secret");
            }

            if (f.Has(SettingField.DeviceOnly))
            {
                notes.Add("device only");
            }

            if (!f.Has(SettingField.Restart))
            {
                notes.Add("applies without restart");
            }

            string note = (notes.Count > 0 ? "*" + string.Join(", ", notes) + ".* " : "") + SettingHelp.For(f.Id).Replace("|", "\\|");
            sb.Append("| `").Append(f.Name).Append("` | ").Append(def).Append(" | ").Append(f.Allowed.Replace("|", "\\|"))
              .Append(" | ").Append(f.Form == null ? "" : "`" + f.Form + "`").Append(" | ").Append(note).Append(" |\n");
        }

        return sb.ToString().TrimEnd('\n');
    }

    private static string RepoRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir != null && !File.Exists(Path.Combine(dir, "NesMep.Linux.slnf")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("repository root not found");
    }
}
