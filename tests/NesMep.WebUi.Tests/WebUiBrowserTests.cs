using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NesMep.Core.Mqtt;
using NesMep.Host.Service;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace NesMep.WebUi.Tests;

/// <summary>
/// The web UI in a real (headless) Chromium against the service on its simulated meter. Every test
/// also checks that no request left 127.0.0.1 and no script failed, and writes screenshots.
/// </summary>
[Collection("Browser")]
public class WebUiBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    private static readonly Regex Kwh = new(@"^\d+\.\d{3} kWh$");

    [Fact]
    public async Task Dashboard_shows_values_that_update_and_turn_unavailable_when_the_link_is_cut()
    {
        await using UiSession ui = await UiSession.StartAsync(browser, output);
        IPage page = ui.Page;
        await page.GotoAsync("/");
        await Expect(page.Locator("[data-q=energy_import_kwh]")).ToHaveTextAsync(Kwh);
        await Expect(page.Locator("[data-q=power_import_w]")).ToHaveTextAsync(new Regex(@"^\d+ W$"));
        await Expect(page.Locator("[data-q=frequency_hz]")).ToHaveTextAsync(new Regex(@"^(49|50)\.\d\d Hz$"));
        await Expect(page.Locator("[data-q=voltage_l1_v]")).ToHaveTextAsync(new Regex(@"^2\d\d\.\d V$"));
        await Expect(page.Locator("[data-q=current_l2_a]")).ToHaveTextAsync(new Regex(@"^\d+\.\d\d A$"));
        await Expect(page.Locator("[data-q=power_factor_l1]")).ToHaveTextAsync(new Regex(@"^-?\d\.\d\d$"));
        await Expect(page.Locator("#age")).ToHaveTextAsync(new Regex(@"^\d+\.\d s$"));
        await Expect(page.Locator("#link")).ToHaveTextAsync("link up");
        Assert.Equal(15, await page.Locator("#phases td[data-q]").CountAsync());

        // Values update: the page keeps polling, the chart grows and the shown numbers change.
        string first = await Snapshot(page);
        var sw = Stopwatch.StartNew();
        while (await Snapshot(page) == first && sw.ElapsedMilliseconds < 10_000)
        {
            await Task.Delay(250);
        }

        Assert.NotEqual(first, await Snapshot(page));
        await Expect(page.Locator("#chart polyline").First).ToBeAttachedAsync();
        // The chart gains a point per poll of the page; the first change of the numbers can come before the third.
        sw.Restart();
        while (int.Parse((await page.GetAttributeAsync("#chart", "data-points"))!) < 3 && sw.ElapsedMilliseconds < 10_000)
        {
            await Task.Delay(250);
        }

        Assert.True(int.Parse((await page.GetAttributeAsync("#chart", "data-points"))!) >= 3);
        await ui.ScreenshotAsync("dashboard");

        // Link cut: after the stale limit (3 s here) every value reads "unavailable", never 0.
        ui.Host.Runtime.Simulator!.Faults.CutLink(true);
        await Expect(page.Locator("[data-q=energy_import_kwh]")).ToHaveTextAsync("unavailable", new() { Timeout = 20_000 });
        await Expect(page.Locator("[data-q=power_import_w]")).ToHaveTextAsync("unavailable");
        foreach (ILocator cell in await page.Locator("[data-q]").AllAsync())
        {
            await Expect(cell).ToHaveTextAsync("unavailable");
            await Expect(cell).ToHaveClassAsync(new Regex(@"\bna\b"));
        }

        await Expect(page.Locator("#link")).ToHaveTextAsync(new Regex("link (down|key rejected)"), new() { Timeout = 15_000 }); // 10 s without a reply
        await ui.ScreenshotAsync("dashboard-link-cut");
        ui.AssertClean();
    }

    [Fact]
    public async Task First_start_setup_then_every_setting_survives_save_and_reload()
    {
        await using UiSession ui = await UiSession.StartAsync(browser, output);
        IPage page = ui.Page;
        await page.GotoAsync("/login.html");
        await ui.ScreenshotAsync("login-first-start");
        await ui.SetUpPasswordAsync();
        await Expect(page.Locator("#key-form")).ToHaveTextAsync("not set");
        await Expect(page.Locator("#wifi")).ToBeHiddenAsync(); // no Wi-Fi on Linux
        await Expect(page.Locator("#nav-update")).ToBeHiddenAsync(); // firmware page only on the device

        // The port chooses which key is shown: the optical key only for the optical port.
        await Expect(page.Locator("#meter_port")).ToHaveValueAsync("mep");
        await Expect(page.Locator("#optical_key")).ToBeHiddenAsync();
        await page.SelectOptionAsync("#meter_port", "optical");
        await Expect(page.Locator("#meter_key")).ToBeHiddenAsync();
        await Expect(page.Locator("#optical-key-form")).ToHaveTextAsync("not set");
        await page.FillAsync("#optical_key", "00112233445566778899aabbccddeeff00112233");
        await Expect(page.Locator("#optical-key-form")).ToHaveTextAsync("detected: 40 hex digits");
        await page.FillAsync("#optical_key", "0011");
        await Expect(page.Locator("#optical-key-form")).ToContainTextAsync("4 hex digits: not a key form");
        await page.FillAsync("#optical_key", "");
        await page.SelectOptionAsync("#meter_port", "mep");
        await Expect(page.Locator("#optical_key")).ToBeHiddenAsync();

        const string key = "00112233445566778899AABBCCDDEEFF0011223344";
        await page.FillAsync("#meter_key", key[..40]);
        await Expect(page.Locator("#key-form")).ToHaveTextAsync("detected: 40 hex digits");
        await page.FillAsync("#poll_power_ms", "1500");
        await page.FillAsync("#poll_energy_ms", "9000");
        await page.FillAsync("#poll_slow_ms", "90000");
        await page.CheckAsync("#mqtt_enabled");
        await page.FillAsync("#mqtt_host", "127.0.0.1");
        await page.FillAsync("#mqtt_port", "1"); // nothing listens there: MQTT retries quietly on loopback
        await page.CheckAsync("#mqtt_tls");
        await page.FillAsync("#mqtt_user", "meter");
        await page.FillAsync("#mqtt_password", "mqtt-secret-7");
        await page.FillAsync("#mqtt_client_id", "meter-42");
        await page.FillAsync("#mqtt_base_topic", "home/meter");
        await page.UncheckAsync("#mqtt_discovery");
        await page.FillAsync("#mqtt_discovery_prefix", "ha");
        await page.SelectOptionAsync("#mqtt_publish_mode", "on_change");
        await page.FillAsync("#mqtt_interval_s", "30");
        await page.FillAsync("#mqtt_min_interval_s", "2");
        await page.FillAsync("#hostname", "kitchen-meter");
        await page.CheckAsync("#require_api_token");
        await page.ClickAsync("#gen-token");
        string token = await page.InputValueAsync("#api_token");
        Assert.Matches("^[A-Za-z0-9_-]{32}$", token);
        const string newPassword = "second-browser-pass";
        await page.FillAsync("#web_password", newPassword);
        await page.FillAsync("#web_password_confirm", newPassword);
        await page.FillAsync("#current_password", UiSession.Password);
        await page.ClickAsync("#save");
        await Expect(page.Locator("#note")).ToHaveTextAsync(new Regex("^Saved \\(changed: meter key, host name, MQTT, poll schedule, web password, API token\\)"));
        await ui.Host.PendingRestart;

        // Reload: every value as saved, secrets only as "set", password fields empty.
        await page.ReloadAsync();
        await Expect(page.Locator("#key-form")).ToHaveTextAsync("set (40 hex digits); leave empty to keep it");
        await Expect(page.Locator("#hostname")).ToHaveValueAsync("kitchen-meter");
        await Expect(page.Locator("#poll_power_ms")).ToHaveValueAsync("1500");
        await Expect(page.Locator("#poll_energy_ms")).ToHaveValueAsync("9000");
        await Expect(page.Locator("#poll_slow_ms")).ToHaveValueAsync("90000");
        await Expect(page.Locator("#mqtt_enabled")).ToBeCheckedAsync();
        await Expect(page.Locator("#mqtt_host")).ToHaveValueAsync("127.0.0.1");
        await Expect(page.Locator("#mqtt_port")).ToHaveValueAsync("1");
        await Expect(page.Locator("#mqtt_tls")).ToBeCheckedAsync();
        await Expect(page.Locator("#mqtt_user")).ToHaveValueAsync("meter");
        await Expect(page.Locator("#mqtt_client_id")).ToHaveValueAsync("meter-42");
        await Expect(page.Locator("#mqtt_base_topic")).ToHaveValueAsync("home/meter");
        await Expect(page.Locator("#mqtt_discovery")).Not.ToBeCheckedAsync();
        await Expect(page.Locator("#mqtt_discovery_prefix")).ToHaveValueAsync("ha");
        await Expect(page.Locator("#mqtt_publish_mode")).ToHaveValueAsync("on_change");
        await Expect(page.Locator("#mqtt_interval_s")).ToHaveValueAsync("30");
        await Expect(page.Locator("#mqtt_min_interval_s")).ToHaveValueAsync("2");

        // Form limits come from the module's settings table, not from the HTML.
        await Expect(page.Locator("#poll_power_ms")).ToHaveAttributeAsync("min", NesMep.Core.Settings.SettingsTable.PollPowerMs.Min.ToString());
        await Expect(page.Locator("#poll_slow_ms")).ToHaveAttributeAsync("max", NesMep.Core.Settings.SettingsTable.PollSlowMs.Max.ToString());
        await Expect(page.Locator("#hostname")).ToHaveAttributeAsync("maxlength", NesMep.Core.Settings.SettingsTable.Hostname.Max.ToString());
        await Expect(page.Locator("#mqtt_interval_s")).ToHaveAttributeAsync("placeholder", NesMep.Core.Settings.SettingsTable.MqttIntervalS.DefaultInt.ToString());
        Assert.DoesNotContain("max=", await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "webui", "config.html")));
        await Expect(page.Locator("#require_api_token")).ToBeCheckedAsync();
        await Expect(page.Locator("[data-set=mqtt_password]")).ToHaveTextAsync("set; leave empty to keep it");
        await Expect(page.Locator("[data-set=api_token]")).ToHaveTextAsync("set; leave empty to keep it");
        foreach (string secret in new[] { "#meter_key", "#mqtt_password", "#api_token", "#web_password", "#current_password" })
        {
            await Expect(page.Locator(secret)).ToHaveValueAsync("");
        }

        string html = await page.ContentAsync();
        Assert.DoesNotContain("mqtt-secret-7", html);
        Assert.DoesNotContain(key[..40], html);
        await ui.ScreenshotAsync("configuration");

        // The service runs with the new settings and its file loads back with them.
        HostConfig loaded = new();
        HostConfigFile.LoadFiles(ui.SettingsFile, loaded, required: false);
        Assert.Equal(key[..40], loaded.Key);
        Assert.Equal((1500, 9000, 90000), (loaded.Poll.PowerIntervalMs, loaded.Poll.EnergyIntervalMs, loaded.Poll.SlowIntervalMs));
        Assert.True(loaded.MqttActive);
        Assert.Equal(("127.0.0.1", 1, true, "meter", "mqtt-secret-7", "meter-42"), (loaded.Mqtt!.Host, loaded.Mqtt.Port, loaded.Mqtt.Tls, loaded.Mqtt.User, loaded.Mqtt.Password, loaded.Mqtt.ClientId));
        Assert.Equal(("home/meter", "ha", false, MqttSettings.ModeOnChange, 30, 2), (loaded.Mqtt.BaseTopic, loaded.Mqtt.DiscoveryPrefix, loaded.Mqtt.Discovery, loaded.Mqtt.PublishMode, loaded.Mqtt.IntervalS, loaded.Mqtt.MinIntervalS));
        Assert.Equal("kitchen-meter", loaded.Web.Hostname);
        Assert.True(loaded.Web.RequireApiToken);
        Assert.Equal(1, ui.Host.Generation);
        Assert.NotNull(ui.Host.Mqtt);
        Assert.Equal("kitchen-meter", ui.Host.Runtime.Context.Info.Hostname);

        // The token now guards /api/v1 for others; this logged-in browser still reads it.
        using (var http = new HttpClient { BaseAddress = new Uri(ui.BaseUrl + "/") })
        {
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await http.GetAsync("api/v1/reading")).StatusCode);
            http.DefaultRequestHeaders.Authorization = new("Bearer", token);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("api/v1/reading")).StatusCode);
        }

        // Log out; the old password no longer works, the new one does.
        await page.ClickAsync("#nav-logout");
        await page.WaitForURLAsync(ui.BaseUrl + "/");
        await Expect(page.Locator("#note")).ToContainTextAsync("requires an API token"); // anonymous dashboard falls back to /getDashDataWS
        await Expect(page.Locator("[data-q=energy_import_kwh]")).ToHaveTextAsync(Kwh);
        await Expect(page.Locator("[data-q=power_factor_l1]")).ToHaveTextAsync("unavailable");
        await page.GotoAsync("/config.html");
        await page.WaitForURLAsync("**/login.html?next=%2Fconfig.html");
        await page.FillAsync("#l-password", UiSession.Password);
        await page.ClickAsync("#login-form button[type=submit]");
        await Expect(page.Locator("#note")).ToContainTextAsync("wrong password");
        await Task.Delay(1100); // the slow-down after one wrong password
        await page.FillAsync("#l-password", newPassword);
        await page.ClickAsync("#login-form button[type=submit]");
        await page.WaitForURLAsync("**/config.html");
        await Expect(page.Locator("#hostname")).ToHaveValueAsync("kitchen-meter");
        Assert.DoesNotContain(newPassword, ui.Log);
        Assert.DoesNotContain("mqtt-secret-7", ui.Log);
        ui.AssertClean();
    }

    [Fact]
    public async Task An_invalid_key_is_rejected_with_its_message_and_nothing_is_saved()
    {
        await using UiSession ui = await UiSession.StartAsync(browser, output);
        IPage page = ui.Page;
        await ui.SetUpPasswordAsync();
        byte[] before = await File.ReadAllBytesAsync(HostConfig.SavedPathFor(ui.SettingsFile)!);
        await page.FillAsync("#hostname", "should-not-stick");
        await page.FillAsync("#meter_key", "12345abc");
        await Expect(page.Locator("#key-form")).ToContainTextAsync("not a key form");
        await page.FillAsync("#poll_power_ms", "1800");
        await page.ClickAsync("#save");
        await Expect(page.Locator(".err[data-for=meter_key]")).ToContainTextAsync("the MEP key has 8 hex digits; the MEP key must be 20 characters exactly as printed by the utility");
        await Expect(page.Locator("#note")).ToHaveTextAsync("nothing was saved: 1 field needs attention");
        await Expect(page.Locator(".err[data-for=hostname]")).ToBeEmptyAsync();
        await ui.ScreenshotAsync("configuration-invalid-key");
        Assert.Equal(before, await File.ReadAllBytesAsync(HostConfig.SavedPathFor(ui.SettingsFile)!));

        await page.ReloadAsync();
        await Expect(page.Locator("#hostname")).ToHaveValueAsync("esp32-mep");
        await Expect(page.Locator("#poll_power_ms")).ToHaveValueAsync("1200");
        await Expect(page.Locator("#key-form")).ToHaveTextAsync("not set");
        Assert.Equal(0, ui.Host.Generation);
        ui.AssertClean();
    }

    [Fact]
    public async Task The_console_reads_BT01_and_shows_it_decoded()
    {
        await using UiSession ui = await UiSession.StartAsync(browser, output);
        IPage page = ui.Page;
        await ui.SetUpPasswordAsync();
        await ui.WaitForLinkUpAsync();
        await page.GotoAsync("/console.html");
        await Expect(page.Locator("#table")).ToHaveValueAsync("BT01");

        // A count beyond the MEP reply limit is refused with its reason.
        await page.FillAsync("#count", "5000");
        await page.ClickAsync("#go");
        await Expect(page.Locator(".err[data-for=count]")).ToContainTextAsync("476-byte MEP limit");

        await page.FillAsync("#count", "");
        await page.ClickAsync("#go");
        await Expect(page.Locator("#summary")).ToHaveTextAsync("BT01 full read: ok · ok · digest valid");
        await Expect(page.Locator("#req-hex")).ToHaveTextAsync(new Regex("^0011300001"));
        await Expect(page.Locator("#resp-hex")).ToHaveTextAsync(new Regex("^00[0-9A-F]{2}00"));
        await Expect(page.Locator("#decoded")).ToContainTextAsync("\"manufacturer\": \"NES\"");
        await Expect(page.Locator("#decoded")).ToContainTextAsync("\"model\": \"" + ui.Host.Runtime.Simulator!.Profile.Model + "\"");
        await Expect(page.Locator("#req")).ToContainTextAsync("full_read");
        await Expect(page.Locator("#resp")).ToContainTextAsync("digest valid");
        await ui.ScreenshotAsync("console-bt01");

        // A partial read by table id.
        await page.FillAsync("#table", "0x0017");
        await page.FillAsync("#offset", "0");
        await page.FillAsync("#count", "16");
        await page.ClickAsync("#go");
        await Expect(page.Locator("#summary")).ToHaveTextAsync("BT23 partial read: ok · ok · digest valid");
        await Expect(page.Locator("#decoded")).ToContainTextAsync("\"table\": \"BT23\"");
        ui.AssertClean();
    }

    [Fact]
    public async Task Status_log_and_firmware_pages()
    {
        await using UiSession ui = await UiSession.StartAsync(browser, output);
        IPage page = ui.Page;
        await ui.SetUpPasswordAsync();
        await ui.WaitForLinkUpAsync();

        await page.GotoAsync("/status.html");
        await Expect(page.Locator("#link")).ToContainTextAsync("link state");
        await Expect(page.Locator("#link tr").First).ToContainTextAsync("up");
        await Expect(page.Locator("#meter")).ToContainTextAsync("NES");
        await Expect(page.Locator("#meter")).ToContainTextAsync(ui.Host.Runtime.Simulator!.Profile.UtilitySerialNumber);
        await Expect(page.Locator("#module")).ToContainTextAsync("NesMep " + ModuleHost.Version);
        await Expect(page.Locator("#module")).ToContainTextAsync("linux");
        await Expect(page.Locator("#link")).ToContainTextAsync("MEP link");
        await Expect(page.Locator("#counters")).ToContainTextAsync("retransmits");
        await Expect(page.Locator("#counters")).Not.ToContainTextAsync("digest failures"); // the MEP link's own card has it
        await Expect(page.Locator("#link-counters-title")).ToHaveTextAsync("MEP link counters");
        await Expect(page.Locator("#link-counters")).ToContainTextAsync("digest failures");
        await Expect(page.Locator("#link-counters")).ToContainTextAsync("sequence errors 0x0c");
        await Expect(page.Locator("#network")).ToContainTextAsync("127.0.0.1");
        await Expect(page.Locator("#reads tr").First).ToBeVisibleAsync();
        await ui.ScreenshotAsync("status");

        await page.GotoAsync("/log.html");
        await Expect(page.Locator("#lines")).ToContainTextAsync("web: first web password set from 127.0.0.1");
        await ui.ScreenshotAsync("log");

        // The firmware page exists only on the device: hidden from the menu, and it says so on Linux.
        await Expect(page.Locator("#nav-update")).ToBeHiddenAsync();
        await page.GotoAsync("/update.html");
        await Expect(page.Locator("#host")).ToBeVisibleAsync();
        await Expect(page.Locator("#upload")).ToBeHiddenAsync();
        await ui.ScreenshotAsync("firmware-update-on-linux");

        // Anonymous visitors see dashboard and status, but are sent to the login for the rest.
        await page.ClickAsync("#nav-logout");
        await page.WaitForURLAsync(ui.BaseUrl + "/");
        foreach (string protectedPage in new[] { "config.html", "console.html", "log.html" })
        {
            await page.GotoAsync("/" + protectedPage);
            await page.WaitForURLAsync("**/login.html?next=%2F" + protectedPage);
            await Expect(page.Locator("#login")).ToBeVisibleAsync();
        }

        await ui.ScreenshotAsync("login");
        await page.GotoAsync("/status.html");
        await Expect(page.Locator("#meter")).ToContainTextAsync("NES");
        ui.AssertClean();
    }

    /// <summary>The dashboard's changing numbers as one string.</summary>
    private static async Task<string> Snapshot(IPage page) =>
        string.Join("|", await page.Locator("[data-q^=power], #age, [data-q^=current], [data-q=energy_import_kwh]").AllTextContentsAsync());
}
