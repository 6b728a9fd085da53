using System.Text.Json;
using NesMep.Core.Api;
using NesMep.Core.Link;
using NesMep.Core.Model;
using NesMep.Core.Settings;
using NesMep.Core.Web;
using NesMep.Host.Service;
using NesMep.Simulator;
using Xunit;
using Xunit.Abstractions;

namespace NesMep.Host.Tests.EndToEnd;

/// <summary>
/// Issue 13's "same values as over MEP": the service's module (built-in simulated meter, meter.port mep vs optical)
/// driven side by side on virtual time, so both meters are the same deterministic household at every instant. The
/// /api/v1/reading bodies (rendered by the same code the HTTP route serves) must name the same quantities with the
/// same units and qualities, and every value of each run must be one the meter really had: exact equality between
/// the runs is not expected, since the links read at different moments (C12.18 at 9600 Bd is slower than MEP).
/// </summary>
public class OpticalParityTests
{
    private readonly ITestOutputHelper _output;

    public OpticalParityTests(ITestOutputHelper output)
    {
        _output = output;
    }

    private const int StepMs = 2;

    /// <summary>How far back a published value may have been measured (the soak's window).</summary>
    private const int MaxReadAgeSeconds = 15;

    [Theory]
    [InlineData("gen3")]
    [InlineData("gen3-demand")]
    public void Optical_and_mep_serve_the_same_reading_with_values_the_meter_had(string profile)
    {
        using var mep = new Run(LinkKind.Mep, profile);
        using var optical = new Run(LinkKind.Optical, profile);
        Run[] runs = [mep, optical];

        // Until both have read every value the profile has (power, energy, the slow group), at most 3 virtual minutes.
        long deadline = 180_000;
        while (mep.Clock.NowMs < deadline && !runs.All(r => r.HasEverything))
        {
            foreach (Run r in runs)
            {
                r.Step();
            }
        }

        Assert.True(runs.All(r => r.HasEverything), "not every value read within 3 virtual minutes: " + string.Join("; ", runs.Select(r => r.Missing())));

        _output.WriteLine($"{profile}: every value read on both links after {mep.Clock.NowMs} virtual ms");

        // A few more seconds so both poll in steady state, then compare at the same virtual instant.
        long until = mep.Clock.NowMs + 10_000;
        while (mep.Clock.NowMs < until)
        {
            foreach (Run r in runs)
            {
                r.Step();
            }
        }

        Assert.Equal(mep.Clock.NowMs, optical.Clock.NowMs);
        JsonElement a = mep.Body();
        JsonElement b = optical.Body();
        Assert.Equal(Present(a), Present(b));
        Assert.Equal(Quality(a), Quality(b));
        Assert.Equal(a.GetProperty("meter_serial").GetString(), b.GetProperty("meter_serial").GetString());
        Assert.Equal("up", b.GetProperty("link_state").GetString());

        // The two meters are one deterministic household: the same registers at the same instant.
        Assert.Equal(mep.Meter.Tables.SummationValue(0, 0), optical.Meter.Tables.SummationValue(0, 0));
        // A value both links read within the same meter second (the model changes on whole seconds) must be rendered alike.
        int same = 0;
        for (int q = 0; q < Quantity.Count; q++)
        {
            long atA = mep.UpdatedSecond(q);
            if (atA >= 0 && atA == optical.UpdatedSecond(q))
            {
                string key = QuantityTable.Key(q);
                Assert.Equal(a.GetProperty("values").GetProperty(key).GetRawText(), b.GetProperty("values").GetProperty(key).GetRawText());
                same++;
            }
        }

        _output.WriteLine($"{profile}: {same} values read in the same meter second on both links, rendered identically");
        foreach (Run r in runs)
        {
            _output.WriteLine($"{profile}: {r.AssertValuesTheMeterHad()} values checked on {r.Name}; {Present(b).Count} present: {string.Join(",", Present(b))}");
        }
    }

    /// <summary>The non-null values' keys (snake_case with their unit suffix), sorted.</summary>
    private static List<string> Present(JsonElement body) => ProfileValues.Present(body.GetProperty("values"));

    private static List<string> Quality(JsonElement body) =>
        body.GetProperty("quality").EnumerateObject().Select(p => p.Name + "=" + p.Value.GetString()).ToList();

    /// <summary>One module on its own virtual clock (same start instant), the test stepping it and its meter's history.</summary>
    private sealed class Run : IDisposable
    {
        private readonly Queue<(long Second, int[] Values, long ImportWh, long ExportWh)> _history = new();
        private readonly ModuleRuntime _runtime;
        private readonly int[] _expected;
        private readonly string _name;
        private long _lastSecond = -1;

        public Run(string port, string profile)
        {
            _name = port;
            // 10:00 UTC in June: the solar panels export, so export energy and negative power appear too.
            Clock = new VirtualClock(new DateTime(2024, 6, 21, 10, 0, 0, DateTimeKind.Utc));
            var config = new HostConfig { SimulatorProfile = profile };
            config.Settings.MeterPort = SettingsTable.MeterPort.ChoiceIndex(port);
            _runtime = new ModuleRuntime(config, Clock, new TestLog().Log, new ModuleInfo()); // not started: the test steps it
            Meter = _runtime.Simulator!;
            _expected = ProfileValues.Quantities(Meter.Profile);
            Snapshot();
        }

        public VirtualClock Clock { get; }

        public string Name => _name;

        public MeterSimulator Meter { get; }

        /// <summary>The meter second the value of <paramref name="q"/> was read in, -1 when never.</summary>
        public long UpdatedSecond(int q) => _runtime.Reading.AgeMs(q, Clock.NowMs) < 0 ? -1 : _runtime.Reading.UpdatedMs(q) / 1000;

        public bool HasEverything => Missing().Length == 0;

        public void Step()
        {
            _runtime.Module.Step();
            Clock.Advance(StepMs);
            Meter.Tick();
            if (Meter.Load.TimeMs / 1000 != _lastSecond)
            {
                Snapshot();
            }
        }

        public string Missing()
        {
            long now = Clock.NowMs;
            var missing = new List<string>();
            lock (_runtime.Gate)
            {
                foreach (int q in _expected)
                {
                    if (!_runtime.Reading.IsAvailable(q, now))
                    {
                        missing.Add(Quantity.Name(q));
                    }
                }
            }

            return missing.Count == 0 ? "" : _name + " lacks " + string.Join(",", missing);
        }

        public JsonElement Body()
        {
            lock (_runtime.Gate)
            {
                using JsonDocument doc = JsonDocument.Parse(ApiRouter.Render(RouteTable.Reading, _runtime.Context));
                return doc.RootElement.Clone();
            }
        }

        /// <summary>The soak's invariants on what is published now: a state of the meter in the read window; energy between then and now.</summary>
        public int AssertValuesTheMeterHad()
        {
            long now = Clock.NowMs;
            MeterReading r = _runtime.Reading;
            int checkedValues = 0;
            for (int q = 0; q < Quantity.Count; q++)
            {
                if (r.AgeMs(q, now) < 0)
                {
                    continue;
                }

                long newest = r.UpdatedMs(q) / 1000;
                if (q is Quantity.EnergyImportWh or Quantity.EnergyExportWh)
                {
                    int source = q == Quantity.EnergyImportWh ? 0 : 1;
                    long lower = source == 0 ? _history.Peek().ImportWh : _history.Peek().ExportWh;
                    long upper = Meter.Tables.SummationValue(source, 0);
                    Assert.InRange(r.Value(q), lower, upper);
                    checkedValues++;
                }
                else if (!Quantity.IsEnergy(q))
                {
                    Assert.True(
                        _history.Any(s => s.Second <= newest && s.Second >= newest - MaxReadAgeSeconds && s.Values[q] == r.Value(q)),
                        $"{_name}: {Quantity.Name(q)}={r.Value(q)} (read at {r.UpdatedMs(q)} ms) is no value the meter had in the {MaxReadAgeSeconds} s before");
                    checkedValues++;
                }
            }

            Assert.True(checkedValues >= 20, _name + ": only " + checkedValues + " values checked");
            return checkedValues;
        }

        public void Dispose() => _runtime.Dispose();

        private void Snapshot()
        {
            var values = new int[Quantity.Count];
            for (int q = 0; q < Quantity.Count; q++)
            {
                if (!Quantity.IsEnergy(q))
                {
                    values[q] = Meter.Tables.PresentValue(Quantity.SourceId(q));
                }
            }

            _lastSecond = Meter.Load.TimeMs / 1000;
            _history.Enqueue((_lastSecond, values, Meter.Tables.SummationValue(0, 0), Meter.Tables.SummationValue(1, 0)));
            while (_history.Count > MaxReadAgeSeconds + 2)
            {
                _history.Dequeue();
            }
        }
    }
}
