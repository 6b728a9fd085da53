using System.Text;

namespace NesMep.Benchmarks;

/// <summary>
/// Buffered output of one benchmark section, so sections can run on separate threads and still print
/// in a fixed order. Counts the figures it holds.
/// </summary>
public sealed class Report
{
    private readonly StringBuilder _text = new();

    public int Figures { get; private set; }

    public int Failures { get; private set; }

    public void Line(string text) => _text.AppendLine(text);

    public void Figure(string name, string value, string unit)
    {
        Figures++;
        _text.AppendLine($"{name,-56} {value,12} {unit}");
    }

    /// <summary>A figure laid out by the caller (a row of a comparison table).</summary>
    public void FigureLine(string text)
    {
        Figures++;
        _text.AppendLine(text);
    }

    /// <summary>One side-by-side row: a measure for both clients and, when there is one, the goal and whether our client meets it.</summary>
    public void Row(string name, string ours, string theirs, string goal = "", bool? met = null)
    {
        Figures++;
        string verdict = met == null ? "" : met.Value ? "met" : "NOT MET";
        _text.AppendLine($"{name,-44} {ours,14} {theirs,14}   {goal,-22} {verdict}");
    }

    /// <summary>An invariant check: printed as PASS or FAIL (a FAIL does not change the exit code).</summary>
    public void Check(string name, bool ok, string detail)
    {
        Figures++;
        if (!ok)
        {
            Failures++;
        }

        _text.AppendLine($"{(ok ? "PASS" : "FAIL")} {name}: {detail}");
    }

    public override string ToString() => _text.ToString();
}
