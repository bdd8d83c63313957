using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Nightshift.Bench;

/// <summary>The measured numbers, each with the baseline it is read against and the ratio.</summary>
internal sealed class Report(DateTimeOffset at, string title = "Dispatch benchmark", string command = "dotnet run -c Release --project bench/Nightshift.Bench")
{
    private readonly List<(string Name, string Value, string Baseline, string Ratio)> _rows = [];
    private readonly List<string> _notes = [];

    public void Baseline(string name, TimeSpan value) => _rows.Add((name, Ms(value), "—", "1.0× (baseline)"));

    public void Against(string name, TimeSpan value, string baseline, TimeSpan baselineValue) =>
        _rows.Add((name, Ms(value), baseline, $"{value / baselineValue:0.0}×"));

    public void Rate(string name, double perSecond, string baseline, TimeSpan baselineValue) =>
        _rows.Add((name, $"{perSecond.ToString("0.0", CultureInfo.InvariantCulture)}/s", baseline,
            $"{TimeSpan.FromSeconds(1 / perSecond) / baselineValue:0.0}× per item"));

    public void Note(string note) => _notes.Add(note);

    public string ToMarkdown()
    {
        var md = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"# {title}")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Run {at:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}.")
            .AppendLine(CultureInfo.InvariantCulture, $"Produced by `{command}`; ratios are against baselines measured in the same run.")
            .AppendLine()
            .AppendLine("| measure | value | baseline | ratio |")
            .AppendLine("|---|---:|---|---:|");
        foreach (var (name, value, baseline, ratio) in _rows)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {value} | {baseline} | {ratio} |");
        }
        md.AppendLine();
        foreach (var note in _notes)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
        }
        return md.ToString();
    }

    private static string Ms(TimeSpan value) => $"{value.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture)} ms";
}
