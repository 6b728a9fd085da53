using NesMep.Host.Service;
using Xunit;

namespace NesMep.Host.Tests.EndToEnd;

/// <summary>The meter key and the optical key must never reach the log or any HTTP body.</summary>
[Collection("EndToEnd")]
public class SecretHygieneTests
{
    [Fact]
    public async Task The_key_appears_in_no_log_line_and_no_endpoint()
    {
        const string key = "Xtz;~,hVVyOE@KyrOiV+"; // the reference's dummy key (§4.1), 20 ASCII characters
        const string opticalKey = "Opt1cal-Secret#Key20";
        await using RunningHost host = await RunningHost.StartAsync(new HostConfig { Key = key, OpticalKey = opticalKey, LogLevel = NesMep.Core.Platform.LogLevel.Debug });
        await host.WaitForLinkUpAsync();

        var bodies = new List<string> { host.Log };
        foreach (string path in new[] { "getDashDataWS", "api/v1/reading", "api/v1/info", "api/v1/status", "metrics", "" })
        {
            bodies.Add(await host.Client.GetStringAsync(path));
        }

        foreach (string body in bodies)
        {
            Assert.DoesNotContain(key, body);
            Assert.DoesNotContain("Xtz;~,hV", body);
            Assert.DoesNotContain("58747A3B7E2C6856", body, StringComparison.OrdinalIgnoreCase); // the same bytes in hex
            Assert.DoesNotContain(opticalKey, body);
            Assert.DoesNotContain("Opt1cal", body);
        }

        Assert.Contains("polling:", host.Log); // the log did record the session
    }
}
