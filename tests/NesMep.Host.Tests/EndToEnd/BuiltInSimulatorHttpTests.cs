using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using NesMep.Host.Service;
using NesMep.Simulator;
using Xunit;

namespace NesMep.Host.Tests.EndToEnd;

/// <summary>
/// The service on its built-in simulated meter, checked over real HTTP: exact key sets, order and
/// JSON types of every endpoint, the Home Assistant contract, Prometheus text, error replies.
/// </summary>
[Collection("EndToEnd")]
public class BuiltInSimulatorHttpTests
{
    [Fact]
    public Task Gen3_every_endpoint_has_the_exact_contract_and_averages_are_null()
    {
        // 41 present values: BT28 #47–54 (the averages) do not exist, so all eight are null.
        return CheckEveryEndpoint("gen3", expectedAverages: 0);
    }

    [Fact]
    public Task Gen3Demand_every_endpoint_has_the_exact_contract_and_averages_are_integers()
    {
        // 55 present values = #0–#54: all eight averages (#47–#54) exist and are integers.
        return CheckEveryEndpoint("gen3-demand", expectedAverages: 8);
    }

    private static async Task CheckEveryEndpoint(string profile, int expectedAverages)
    {
        await using RunningHost host = await RunningHost.StartAsync(new HostConfig { SimulatorProfile = profile });
        MeterSimulator meter = host.Host.Runtime.Simulator!;
        string serial = meter.Profile.UtilitySerialNumber;
        int[] present = meter.Profile.PresentValues;
        Assert.Equal(expectedAverages, ApiContract.AverageSources.Count(present.Contains));
        HttpClient http = host.Client;

        await host.WaitForLinkUpAsync();
        string body = await host.WaitForJsonAsync("getDashDataWS", e => ApiContract.DabblerValuesPresent(e, present), "Dabbler values");

        // /getDashDataWS: the Home Assistant contract.
        using HttpResponseMessage dash = await http.GetAsync("getDashDataWS");
        Assert.Equal(HttpStatusCode.OK, dash.StatusCode);
        AssertJsonContentType(dash);
        Assert.Equal("no-store", dash.Headers.CacheControl?.ToString());
        string first;
        using (JsonDocument doc = JsonDocument.Parse(await dash.Content.ReadAsStringAsync()))
        {
            ApiContract.AssertDabblerBody(doc.RootElement, present);
            Assert.Equal(serial, doc.RootElement.GetProperty("Utility_SN").GetString());
            Assert.Equal(meter.Profile.Model, doc.RootElement.GetProperty("Meter_Model").GetString());
            Assert.Equal("NesMep", doc.RootElement.GetProperty("ESP_SW").GetString());
            Assert.Equal(ModuleHost.Version, doc.RootElement.GetProperty("ESP_SW_Version").GetString());
            Assert.True(doc.RootElement.GetProperty("Fwd_Act_Wh").GetInt64() >= meter.Load.Options.InitialFwdWh);
            first = doc.RootElement.GetProperty("CurrentDateTime").GetString()!;
        }

        // Home Assistant's "Problem" sensor fires when CurrentDateTime does not move between polls.
        // (A deadline, not a speed check: a loaded machine may take longer than one power interval.)
        body = await host.WaitForJsonAsync("getDashDataWS", e => e.GetProperty("CurrentDateTime").GetString() != first, "a newer CurrentDateTime");
        using (JsonDocument doc = JsonDocument.Parse(body))
        {
            ApiContract.AssertDabblerBody(doc.RootElement, present);
            string second = doc.RootElement.GetProperty("CurrentDateTime").GetString()!;
            Assert.True(DateTime.Parse(second).ToUniversalTime() > DateTime.Parse(first).ToUniversalTime(), $"{first} -> {second}");
        }

        // HEAD gets the headers only.
        using (HttpResponseMessage head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "getDashDataWS")))
        {
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            AssertJsonContentType(head);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        }

        // /api/v1/reading
        using (HttpResponseMessage reading = await http.GetAsync("api/v1/reading"))
        {
            Assert.Equal(HttpStatusCode.OK, reading.StatusCode);
            AssertJsonContentType(reading);
            using JsonDocument doc = JsonDocument.Parse(await reading.Content.ReadAsStringAsync());
            ApiContract.AssertReadingBody(doc.RootElement, serial, present);
        }

        // /api/v1/info
        using (HttpResponseMessage info = await http.GetAsync("api/v1/info"))
        {
            Assert.Equal(HttpStatusCode.OK, info.StatusCode);
            AssertJsonContentType(info);
            using JsonDocument doc = JsonDocument.Parse(await info.Content.ReadAsStringAsync());
            ApiContract.AssertInfoBody(doc.RootElement, serial, meter.Profile.Model, meter.Profile.PresentValues.Length, meter.Profile.Tiers);
            Assert.StartsWith("simulated meter (" + profile, doc.RootElement.GetProperty("module").GetProperty("source").GetString());
        }

        // /api/v1/status
        using (HttpResponseMessage status = await http.GetAsync("api/v1/status"))
        {
            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
            AssertJsonContentType(status);
            using JsonDocument doc = JsonDocument.Parse(await status.Content.ReadAsStringAsync());
            ApiContract.AssertStatusBody(doc.RootElement);
            JsonElement counters = doc.RootElement.GetProperty("counters");
            Assert.Equal(0, counters.GetProperty("digest_failures").GetInt32());
            Assert.Equal(0, counters.GetProperty("authentication_failures_0x0b").GetInt32());
            Assert.Equal(0, counters.GetProperty("decode_errors").GetInt32());
        }

        // /metrics
        using (HttpResponseMessage metrics = await http.GetAsync("metrics"))
        {
            Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
            Assert.Equal("text/plain", metrics.Content.Headers.ContentType?.MediaType);
            Assert.Contains(metrics.Content.Headers.ContentType!.Parameters, p => p.Name == "version" && p.Value == "0.0.4");
            Assert.Equal("utf-8", metrics.Content.Headers.ContentType.CharSet);
            Dictionary<string, double> samples = ApiContract.AssertPrometheusText(await metrics.Content.ReadAsStringAsync(), out Dictionary<string, string> types);
            Assert.Equal("counter", types["nesmep_energy_watt_hours_total"]);
            Assert.Equal("counter", types["nesmep_link_requests_total"]);
            Assert.Equal("gauge", types["nesmep_power_watts"]);
            Assert.Equal(1, samples["nesmep_link_up"]);
            Assert.True(samples["nesmep_energy_watt_hours_total{direction=\"import\"}"] >= meter.Load.Options.InitialFwdWh);
            Assert.True(samples.ContainsKey("nesmep_energy_watt_hours_total{direction=\"export\"}"));
            Assert.True(samples.ContainsKey("nesmep_power_watts{direction=\"import\",phase=\"total\"}"));
            Assert.InRange(samples["nesmep_voltage_volts{phase=\"l1\"}"], 200, 260);
            Assert.InRange(samples["nesmep_frequency_hertz"], 49, 51);
            Assert.Equal(expectedAverages > 0, samples.ContainsKey("nesmep_average_power_watts{direction=\"import\",phase=\"total\"}"));
        }

        // Errors: unknown path, wrong method.
        using (HttpResponseMessage missing = await http.GetAsync("no/such/thing"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            AssertJsonContentType(missing);
            using JsonDocument doc = JsonDocument.Parse(await missing.Content.ReadAsStringAsync());
            Assert.Equal(new[] { "error" }, ApiContract.Keys(doc.RootElement));
            Assert.Contains("/no/such/thing", ApiContract.AssertString(doc.RootElement, "error"));
        }

        using (HttpResponseMessage post = await http.PostAsync("getDashDataWS", new StringContent("{}")))
        {
            Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
            AssertJsonContentType(post);
            Assert.Equal(new[] { "GET", "HEAD" }, post.Content.Headers.Allow.OrderBy(m => m));
            using JsonDocument doc = JsonDocument.Parse(await post.Content.ReadAsStringAsync());
            Assert.Equal(new[] { "error" }, ApiContract.Keys(doc.RootElement));
        }

        using (HttpResponseMessage landing = await http.GetAsync(""))
        {
            Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
            Assert.Equal("text/html", landing.Content.Headers.ContentType?.MediaType);
            Assert.Contains("/getDashDataWS", await landing.Content.ReadAsStringAsync());
        }

        Assert.DoesNotContain("ERROR", host.Log);
        Assert.NotEmpty(body);
    }

    internal static void AssertJsonContentType(HttpResponseMessage response)
    {
        MediaTypeHeaderValue? type = response.Content.Headers.ContentType;
        Assert.Equal("application/json", type?.MediaType);
        Assert.True(type!.CharSet == null || type.CharSet.Equals("utf-8", StringComparison.OrdinalIgnoreCase), "charset " + type.CharSet);
    }
}
