using System.Text.Json;
using NesMep.Core.Model;
using NesMep.Simulator;

namespace NesMep.Host.Tests.EndToEnd;

/// <summary>Which quantities a simulated meter profile gives a reader, and the keys of a JSON body that carry a value.</summary>
internal static class ProfileValues
{
    /// <summary>Import and export energy plus every present value of the profile's BT28 (the same on either link).</summary>
    public static int[] Quantities(MeterProfile profile) =>
        Enumerable.Range(0, Quantity.Count)
            .Where(q => q is Quantity.EnergyImportWh or Quantity.EnergyExportWh || (!Quantity.IsEnergy(q) && profile.PresentValues.Contains(Quantity.SourceId(q))))
            .ToArray();

    /// <summary>The /api/v1/reading and MQTT state keys of <see cref="Quantities"/>.</summary>
    public static string[] Keys(MeterProfile profile) => Quantities(profile).Select(q => QuantityTable.Key(q)).ToArray();

    /// <summary>True when every key is a number in <paramref name="values"/>.</summary>
    public static bool AllNumbers(JsonElement values, string[] keys) =>
        keys.All(k => values.TryGetProperty(k, out JsonElement v) && v.ValueKind == JsonValueKind.Number);

    /// <summary>The keys of <paramref name="values"/> that carry a value (not null), sorted.</summary>
    public static List<string> Present(JsonElement values) =>
        values.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null).Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
}
