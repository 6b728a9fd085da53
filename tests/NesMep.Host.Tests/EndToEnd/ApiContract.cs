using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace NesMep.Host.Tests.EndToEnd;

/// <summary>
/// The HTTP contracts written down once: the Dabbler /getDashDataWS body Home Assistant reads
/// (protocol reference §7.1, ecosystem §1.4), the /api/v1 key sets, and the Prometheus text format.
/// </summary>
internal static class ApiContract
{
    /// <summary>The 34 Dabbler keys, in the firmware's order.</summary>
    public static readonly string[] DabblerKeys =
    {
        "ESP_SW", "ESP_SW_By", "ESP_SW_Version", "Meter_Manufacturer", "Meter_Model", "Meter_SW_Version", "Utility_SN",
        "CurrentDateTimeString", "CurrentDateTime", "Fwd_Act_Wh", "Rev_Act_Wh", "Fwd_W", "Rev_W", "Freq_mHz",
        "L1_RMS_A", "L2_RMS_A", "L3_RMS_A", "L1_RMS_V", "L2_RMS_V", "L3_RMS_V",
        "L1_Fwd_W", "L2_Fwd_W", "L3_Fwd_W", "L1_Rev_W", "L2_Rev_W", "L3_Rev_W",
        "Fwd_Avg_W", "Rev_Avg_W", "L1_Fwd_Avg_W", "L2_Fwd_Avg_W", "L3_Fwd_Avg_W", "L1_Rev_Avg_W", "L2_Rev_Avg_W", "L3_Rev_Avg_W",
    };

    public static readonly string[] DabblerStringKeys =
    {
        "ESP_SW", "ESP_SW_By", "ESP_SW_Version", "Meter_Manufacturer", "Meter_Model", "Meter_SW_Version", "Utility_SN",
        "CurrentDateTimeString", "CurrentDateTime",
    };

    /// <summary>The 16 keys the Home Assistant config flow and "Problem" sensor require to be integers (ecosystem §1.4).</summary>
    public static readonly string[] HomeAssistantIntegerKeys =
    {
        "Fwd_Act_Wh", "Rev_Act_Wh", "L1_RMS_A", "L2_RMS_A", "L3_RMS_A", "L1_RMS_V", "L2_RMS_V", "L3_RMS_V",
        "Fwd_W", "Rev_W", "L1_Fwd_W", "L2_Fwd_W", "L3_Fwd_W", "L1_Rev_W", "L2_Rev_W", "L3_Rev_W",
    };

    /// <summary>The averaged power keys (BT28 #47–54) and the BT27 source id each comes from.</summary>
    public static readonly string[] DabblerAverageKeys =
    {
        "Fwd_Avg_W", "Rev_Avg_W", "L1_Fwd_Avg_W", "L2_Fwd_Avg_W", "L3_Fwd_Avg_W", "L1_Rev_Avg_W", "L2_Rev_Avg_W", "L3_Rev_Avg_W",
    };

    public static readonly int[] AverageSources = { 208, 209, 210, 211, 212, 213, 214, 215 };

    /// <summary>/api/v1/reading "values" (and "age_s", "quality") keys, in order.</summary>
    public static readonly string[] ReadingValueKeys =
    {
        "energy_import_kwh", "energy_export_kwh", "reactive_energy_import_kvarh", "reactive_energy_export_kvarh",
        "power_import_w", "power_export_w", "power_import_l1_w", "power_import_l2_w", "power_import_l3_w",
        "power_export_l1_w", "power_export_l2_w", "power_export_l3_w",
        "current_l1_a", "current_l2_a", "current_l3_a", "voltage_l1_v", "voltage_l2_v", "voltage_l3_v",
        "frequency_hz", "power_factor_l1", "power_factor_l2", "power_factor_l3",
        "reactive_power_import_var", "reactive_power_export_var", "apparent_power_va",
        "avg_power_import_w", "avg_power_export_w", "avg_power_import_l1_w", "avg_power_import_l2_w", "avg_power_import_l3_w",
        "avg_power_export_l1_w", "avg_power_export_l2_w", "avg_power_export_l3_w",
    };

    public static readonly string[] AverageReadingKeys =
    {
        "avg_power_import_w", "avg_power_export_w", "avg_power_import_l1_w", "avg_power_import_l2_w", "avg_power_import_l3_w",
        "avg_power_export_l1_w", "avg_power_export_l2_w", "avg_power_export_l3_w",
    };

    private static readonly Regex IntegerText = new(@"^-?[0-9]+$");
    private static readonly Regex IsoUtc = new(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$");
    private static readonly Regex DabblerTime = new(@"^[0-9]{4}-[0-9]{2}-[0-9]{2} \((Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)\) @ [0-9]{2}:[0-9]{2}:[0-9]{2}$");
    private static readonly Regex MetricName = new(@"^[a-zA-Z_:][a-zA-Z0-9_:]*$");
    private static readonly Regex Sample = new(@"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([^{}]*)\})? (\S+)$");
    private static readonly Regex LabelPair = new(@"^[a-zA-Z_][a-zA-Z0-9_]*=""(?:[^""\\]|\\.)*""$");

    public static string[] Keys(JsonElement obj)
    {
        Assert.Equal(JsonValueKind.Object, obj.ValueKind);
        return obj.EnumerateObject().Select(p => p.Name).ToArray();
    }

    public static bool IsInteger(JsonElement e) =>
        e.ValueKind == JsonValueKind.Number && IntegerText.IsMatch(e.GetRawText()) && e.TryGetInt64(out _);

    public static void AssertInteger(JsonElement parent, string key)
    {
        JsonElement e = parent.GetProperty(key);
        Assert.True(IsInteger(e), $"{key} must be a JSON integer, is {e.ValueKind} {e.GetRawText()}");
    }

    public static void AssertNumberOrNull(JsonElement parent, string key)
    {
        JsonElement e = parent.GetProperty(key);
        Assert.True(e.ValueKind is JsonValueKind.Number or JsonValueKind.Null, $"{key} must be a number or null, is {e.ValueKind}");
    }

    public static void AssertStringOrNull(JsonElement parent, string key)
    {
        JsonElement e = parent.GetProperty(key);
        Assert.True(e.ValueKind is JsonValueKind.String or JsonValueKind.Null, $"{key} must be a string or null, is {e.ValueKind}");
    }

    public static string AssertString(JsonElement parent, string key)
    {
        JsonElement e = parent.GetProperty(key);
        Assert.True(e.ValueKind == JsonValueKind.String, $"{key} must be a string, is {e.ValueKind} {e.GetRawText()}");
        return e.GetString()!;
    }

    public static void AssertBool(JsonElement parent, string key)
    {
        JsonElement e = parent.GetProperty(key);
        Assert.True(e.ValueKind is JsonValueKind.True or JsonValueKind.False, $"{key} must be true/false, is {e.ValueKind}");
    }

    /// <summary>
    /// /getDashDataWS once the link is up and values were read: exact keys and order, strings are
    /// strings, numbers are integers or null (never strings or floats), and the 16 Home Assistant
    /// keys are integers that pass the integration's phase-sum check.
    /// </summary>
    public static void AssertDabblerBody(JsonElement root, int[] presentSources)
    {
        Assert.Equal(DabblerKeys, Keys(root));
        foreach (string key in DabblerStringKeys)
        {
            Assert.False(string.IsNullOrEmpty(AssertString(root, key)), key + " is empty");
        }

        Assert.Matches(DabblerTime, root.GetProperty("CurrentDateTimeString").GetString()!);
        Assert.Matches(IsoUtc, root.GetProperty("CurrentDateTime").GetString()!);
        foreach (string key in DabblerKeys.Except(DabblerStringKeys))
        {
            JsonElement e = root.GetProperty(key);
            Assert.True(e.ValueKind == JsonValueKind.Null || IsInteger(e), $"{key} must be an integer or null, is {e.ValueKind} {e.GetRawText()}");
        }

        foreach (string key in HomeAssistantIntegerKeys)
        {
            AssertInteger(root, key);
        }

        AssertInteger(root, "Freq_mHz");
        for (int i = 0; i < DabblerAverageKeys.Length; i++)
        {
            if (presentSources.Contains(AverageSources[i]))
            {
                AssertInteger(root, DabblerAverageKeys[i]);
            }
            else
            {
                // Not in this meter's BT27 (Gen 3 basic: 41 values, no averages at all): null, never 0.
                Assert.Equal(JsonValueKind.Null, root.GetProperty(DabblerAverageKeys[i]).ValueKind);
            }
        }

        long net = root.GetProperty("Fwd_W").GetInt64() - root.GetProperty("Rev_W").GetInt64();
        long phases = 0;
        foreach (string l in new[] { "L1", "L2", "L3" })
        {
            phases += root.GetProperty(l + "_Fwd_W").GetInt64() - root.GetProperty(l + "_Rev_W").GetInt64();
        }

        Assert.True(Math.Abs(net - phases) <= 3, $"Home Assistant phase-sum check: net {net} W vs phases {phases} W");
        Assert.InRange(root.GetProperty("Freq_mHz").GetInt64(), 49000, 51000);
        foreach (string l in new[] { "L1", "L2", "L3" })
        {
            Assert.InRange(root.GetProperty(l + "_RMS_V").GetInt64(), 200_000, 260_000);
            Assert.InRange(root.GetProperty(l + "_RMS_A").GetInt64(), 0, 100_000);
        }
    }

    /// <summary>All 16 Home Assistant keys and the frequency are integers (link up and first reads done).</summary>
    public static bool DabblerValuesPresent(JsonElement root, int[] presentSources) =>
        HomeAssistantIntegerKeys.Append("Freq_mHz").All(k => IsInteger(root.GetProperty(k))) &&
        Enumerable.Range(0, DabblerAverageKeys.Length).All(i => !presentSources.Contains(AverageSources[i]) || IsInteger(root.GetProperty(DabblerAverageKeys[i])));

    public static void AssertReadingBody(JsonElement root, string expectedSerial, int[] presentSources)
    {
        Assert.Equal(
            new[] { "timestamp", "meter_serial", "meter_time", "link_state", "data_age_s", "stale_after_s", "values", "age_s", "quality" },
            Keys(root));
        Assert.Matches(IsoUtc, AssertString(root, "timestamp"));
        Assert.Equal(expectedSerial, AssertString(root, "meter_serial"));
        Assert.Matches(IsoUtc, AssertString(root, "meter_time"));
        Assert.Equal("up", AssertString(root, "link_state"));
        Assert.Equal(JsonValueKind.Number, root.GetProperty("data_age_s").ValueKind);
        Assert.InRange(root.GetProperty("data_age_s").GetDouble(), 0, 10);
        Assert.Equal(30.0, root.GetProperty("stale_after_s").GetDouble());

        JsonElement values = root.GetProperty("values");
        JsonElement ages = root.GetProperty("age_s");
        JsonElement quality = root.GetProperty("quality");
        Assert.Equal(ReadingValueKeys, Keys(values));
        Assert.Equal(ReadingValueKeys, Keys(ages));
        Assert.Equal(ReadingValueKeys, Keys(quality));
        foreach (string key in ReadingValueKeys)
        {
            AssertNumberOrNull(values, key);
            AssertNumberOrNull(ages, key);
            string q = AssertString(quality, key);
            Assert.Contains(q, new[] { "good", "stale", "never_read" });
            Assert.Equal(q == "good", values.GetProperty(key).ValueKind == JsonValueKind.Number);
            Assert.Equal(q == "never_read", ages.GetProperty(key).ValueKind == JsonValueKind.Null);
        }

        foreach (string key in ReadingValueKeys.Except(AverageReadingKeys))
        {
            Assert.Equal("good", quality.GetProperty(key).GetString());
        }

        for (int i = 0; i < AverageReadingKeys.Length; i++)
        {
            Assert.Equal(presentSources.Contains(AverageSources[i]) ? "good" : "never_read", quality.GetProperty(AverageReadingKeys[i]).GetString());
        }

        Assert.InRange(values.GetProperty("energy_import_kwh").GetDouble(), 18_234.567, 18_300);
        Assert.InRange(values.GetProperty("voltage_l1_v").GetDouble(), 200, 260);
        Assert.InRange(values.GetProperty("frequency_hz").GetDouble(), 49, 51);
        Assert.InRange(values.GetProperty("power_factor_l1").GetDouble(), -1, 1);
    }

    public static void AssertInfoBody(JsonElement root, string expectedSerial, string expectedModel, int presentValues, int tiers)
    {
        Assert.Equal(new[] { "module", "meter" }, Keys(root));
        JsonElement module = root.GetProperty("module");
        Assert.Equal(new[] { "name", "maker", "version", "platform", "hostname", "source", "uptime_s", "time", "time_source" }, Keys(module));
        foreach (string key in new[] { "name", "maker", "version", "platform", "hostname", "source" })
        {
            AssertString(module, key);
        }

        Assert.Equal("linux", module.GetProperty("platform").GetString());
        Assert.Equal(JsonValueKind.Number, module.GetProperty("uptime_s").ValueKind);
        Assert.Matches(IsoUtc, AssertString(module, "time"));
        Assert.Equal("system", AssertString(module, "time_source")); // the Linux host's clock is the operating system's

        JsonElement meter = root.GetProperty("meter");
        Assert.Equal(new[] { "manufacturer", "model", "firmware_version", "firmware_legacy", "utility_serial", "clock", "layout" }, Keys(meter));
        Assert.Equal("NES", AssertString(meter, "manufacturer").Trim());
        Assert.Equal(expectedModel, AssertString(meter, "model").Trim());
        AssertString(meter, "firmware_version");
        AssertString(meter, "firmware_legacy");
        Assert.Equal(expectedSerial, AssertString(meter, "utility_serial"));
        Assert.Matches(IsoUtc, AssertString(meter, "clock"));
        JsonElement layout = meter.GetProperty("layout");
        Assert.Equal(
            new[] { "assumed", "summations", "tiers", "present_demands", "present_values", "demand_reset_byte", "time_remaining", "bt22_default_order", "bt27_default_order" },
            Keys(layout));
        foreach (string key in new[] { "assumed", "demand_reset_byte", "time_remaining", "bt22_default_order", "bt27_default_order" })
        {
            AssertBool(layout, key);
        }

        foreach (string key in new[] { "summations", "tiers", "present_demands", "present_values" })
        {
            AssertInteger(layout, key);
        }

        Assert.False(layout.GetProperty("assumed").GetBoolean());
        Assert.Equal(presentValues, layout.GetProperty("present_values").GetInt32());
        Assert.Equal(tiers, layout.GetProperty("tiers").GetInt32());
    }

    /// <summary>The counters every link keeps (docs/api.md), in the order written.</summary>
    public static readonly string[] CommonCounterKeys =
    {
        "requests", "completed_ok", "retransmits", "timeouts", "integrity_failures", "authentication_failures", "error_replies",
        "mismatched_replies", "malformed_replies", "unsolicited_frames", "transceiver_resets", "alerts_handled", "abandoned",
        "decode_errors",
    };

    /// <summary>The MEP link's own counters: in "link_counters", and flat in "counters" as before the optical link.</summary>
    public static readonly string[] MepCounterKeys =
    {
        "digest_failures", "authentication_failures_0x0b", "sequence_errors_0x0c", "stale_replies", "sequence_jumps", "alerts",
        "noise_bytes", "truncated_frames", "oversize_frames",
    };

    public static readonly string[] StatusCounterKeys = CommonCounterKeys.Concat(MepCounterKeys).ToArray();

    public static void AssertStatusBody(JsonElement root)
    {
        Assert.Equal(
            new[] { "timestamp", "link_state", "uptime_s", "phase", "last_verified_reply_age_s", "link", "sequence_learned", "last_error", "last_response", "counters", "link_counters", "energy_filter", "reads" },
            Keys(root));
        Assert.Matches(IsoUtc, AssertString(root, "timestamp"));
        Assert.Equal("up", AssertString(root, "link_state"));
        Assert.Equal(JsonValueKind.Number, root.GetProperty("uptime_s").ValueKind);
        Assert.Equal("polling", AssertString(root, "phase"));
        Assert.Equal(JsonValueKind.Number, root.GetProperty("last_verified_reply_age_s").ValueKind);
        Assert.True(root.GetProperty("sequence_learned").GetBoolean());
        AssertStringOrNull(root, "last_error");
        JsonElement last = root.GetProperty("last_response");
        Assert.Equal(new[] { "code", "name" }, Keys(last));
        AssertInteger(last, "code");
        AssertString(last, "name");

        JsonElement counters = root.GetProperty("counters");
        Assert.Equal(StatusCounterKeys, Keys(counters));
        foreach (string key in StatusCounterKeys)
        {
            AssertInteger(counters, key);
            Assert.True(counters.GetProperty(key).GetInt64() >= 0, key);
        }

        Assert.Equal("mep", AssertString(root, "link"));
        JsonElement linkCounters = root.GetProperty("link_counters");
        Assert.Equal(MepCounterKeys, Keys(linkCounters));
        foreach (string key in MepCounterKeys)
        {
            Assert.Equal(counters.GetProperty(key).GetInt64(), linkCounters.GetProperty(key).GetInt64());
        }

        Assert.True(counters.GetProperty("completed_ok").GetInt64() > 0);
        JsonElement filter = root.GetProperty("energy_filter");
        Assert.Equal(new[] { "import", "export" }, Keys(filter));
        foreach (string direction in new[] { "import", "export" })
        {
            JsonElement f = filter.GetProperty(direction);
            Assert.Equal(new[] { "rejected_decreases", "rejected_jumps", "rebaselines" }, Keys(f));
            foreach (string key in Keys(f))
            {
                AssertInteger(f, key);
            }
        }

        JsonElement reads = root.GetProperty("reads");
        Assert.Equal(JsonValueKind.Array, reads.ValueKind);
        Assert.True(reads.GetArrayLength() >= 2, "at least the energy and one power read");
        foreach (JsonElement read in reads.EnumerateArray())
        {
            Assert.Equal(new[] { "name", "table", "offset", "count", "interval_ms", "last_ok_age_s", "failures", "last_error" }, Keys(read));
            AssertString(read, "name");
            Assert.Contains(AssertString(read, "table"), new[] { "BT23", "BT28" });
            AssertInteger(read, "offset");
            AssertInteger(read, "count");
            AssertInteger(read, "interval_ms");
            AssertNumberOrNull(read, "last_ok_age_s");
            AssertInteger(read, "failures");
            AssertStringOrNull(read, "last_error");
        }
    }

    /// <summary>
    /// Prometheus text format 0.0.4: every line a comment or `name{labels} number`; each sample's
    /// family has HELP and TYPE before its first sample; no sample twice. Returns the samples.
    /// </summary>
    public static Dictionary<string, double> AssertPrometheusText(string text, out Dictionary<string, string> types)
    {
        types = new Dictionary<string, string>();
        var help = new HashSet<string>();
        var samples = new Dictionary<string, double>();
        Assert.EndsWith("\n", text);
        foreach (string line in text.TrimEnd('\n').Split('\n'))
        {
            Assert.False(string.IsNullOrWhiteSpace(line), "blank line in /metrics");
            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                string[] parts = line.Split(' ', 4);
                Assert.Equal(4, parts.Length);
                Assert.Matches(MetricName, parts[2]);
                Assert.True(help.Add(parts[2]), "HELP twice for " + parts[2]);
                continue;
            }

            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                string[] parts = line.Split(' ');
                Assert.Equal(4, parts.Length);
                Assert.Matches(MetricName, parts[2]);
                Assert.Contains(parts[3], new[] { "counter", "gauge", "histogram", "summary", "untyped" });
                Assert.True(help.Contains(parts[2]), "TYPE before HELP for " + parts[2]);
                Assert.False(types.ContainsKey(parts[2]), "TYPE twice for " + parts[2]);
                types[parts[2]] = parts[3];
                continue;
            }

            Assert.False(line.StartsWith('#'), "unexpected comment: " + line);
            Match m = Sample.Match(line);
            Assert.True(m.Success, "not a Prometheus sample: " + line);
            string name = m.Groups[1].Value;
            Assert.True(types.ContainsKey(name) && help.Contains(name), "sample before HELP/TYPE of its family: " + line);
            if (m.Groups[3].Success && m.Groups[3].Value.Length > 0)
            {
                foreach (string pair in m.Groups[3].Value.Split(','))
                {
                    Assert.Matches(LabelPair, pair);
                }
            }

            Assert.True(
                double.TryParse(m.Groups[4].Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value),
                "sample value is not a number: " + line);
            string series = name + (m.Groups[2].Success ? m.Groups[2].Value : "");
            Assert.True(samples.TryAdd(series, value), "sample twice: " + series);
        }

        foreach ((string name, string type) in types)
        {
            if (type == "counter")
            {
                Assert.EndsWith("_total", name);
            }
        }

        return samples;
    }
}
