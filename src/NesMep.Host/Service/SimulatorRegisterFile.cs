using System.Globalization;
using System.Text.Json;
using NesMep.Core.Platform;
using NesMep.Host.Web;
using NesMep.Simulator;

namespace NesMep.Host.Service;

/// <summary>
/// The simulated meter's energy registers in the state directory, one file per meter profile
/// (each profile is a different meter with its own serial number): <c>simulated-meter-gen3.json</c>.
/// Written atomically. An unreadable file stops the start with a clear error rather than being
/// replaced, so registers are never silently reset; a failed write is logged and retried later.
/// </summary>
public sealed class SimulatorRegisterFile : IRegisterStore
{
    private const int Format = 1;

    private readonly ILog _log;
    private bool _lastSaveFailed;

    public SimulatorRegisterFile(string stateDir, string profile, ILog log)
    {
        Path = System.IO.Path.Combine(stateDir, FileName(profile));
        _log = log;
    }

    public string Path { get; }

    public static string FileName(string profile) => "simulated-meter-" + profile + ".json";

    public RegisterImage? Load()
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(Path));
            JsonElement root = doc.RootElement;
            if (root.GetProperty("format").GetInt32() != Format)
            {
                throw new FormatException("unknown format " + root.GetProperty("format"));
            }

            DateTime saved = DateTime.Parse(root.GetProperty("saved_utc").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            int tiers = root.GetProperty("tiers").GetInt32();
            double[] values = root.GetProperty("registers").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            if (values.Length != tiers * EnergyRegisters.KindCount || values.Any(v => !double.IsFinite(v) || v < 0))
            {
                throw new FormatException("registers must be " + (tiers * EnergyRegisters.KindCount) + " non-negative numbers");
            }

            return new RegisterImage(saved, tiers, values);
        }
        catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException("simulated meter registers " + Path + " are unreadable (" + e.Message +
                "); move the file away to start the registers afresh");
        }
    }

    public bool Save(RegisterImage image)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteNumber("format", Format);
            w.WriteString("saved_utc", image.SavedUtc.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            w.WriteNumber("tiers", image.Tiers);
            w.WriteStartArray("registers");
            foreach (double v in image.Values)
            {
                w.WriteNumberValue(v);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        try
        {
            AtomicFile.Write(Path, stream.ToArray());
            if (_lastSaveFailed)
            {
                _log.Write(LogLevel.Info, "simulated meter registers saved again to " + Path);
            }

            _lastSaveFailed = false;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // One line per failure streak: the keeper retries at its next save point.
            if (!_lastSaveFailed)
            {
                _log.Write(LogLevel.Warning, "cannot save the simulated meter registers to " + Path + ": " + e.Message);
            }

            _lastSaveFailed = true;
            return false;
        }
    }
}
