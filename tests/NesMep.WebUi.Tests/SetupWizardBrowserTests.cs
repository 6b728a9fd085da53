using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NesMep.Core.Provisioning;
using NesMep.Core.Web;
using NesMep.Host.Web;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace NesMep.WebUi.Tests;

/// <summary>
/// The setup wizard (webui/setup.html) on the device's access point (<see cref="AccessPointModule"/>: the core's
/// provisioning machine and web side with a stand-in platform and radio), and its absence on the Linux host.
/// </summary>
[Collection("Browser")]
public class SetupWizardBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Key = "ABCDEFGHIJ0123456789";

    [Fact]
    public async Task On_the_setup_access_point_every_page_leads_to_the_wizard_which_sets_password_wifi_key_mqtt_and_connects()
    {
        await using UiSession ui = await UiSession.StartAsync(browser, output, accessPoint: new ModuleSettings());
        AccessPointModule device = ui.Device!;
        device.ScanResult = [new WifiNetwork("home-net", -52, true), new WifiNetwork("Neighbour <b>", -80, false)];
        IPage page = ui.Page;
        await page.GotoAsync("/config.html");
        await Expect(page).ToHaveURLAsync(new Regex("/setup\\.html$"));
        await Expect(page.Locator("#pw-set")).ToBeVisibleAsync();
        await Expect(page.Locator("#steps [aria-current=step]")).ToHaveTextAsync("Web password");
        await Expect(page.Locator("#step-password h2")).ToBeFocusedAsync();
        await ui.ScreenshotAsync("setup-1-password");

        // A refused password says why next to the field and keeps what was typed.
        await page.FillAsync("#s-password", UiSession.Password);
        await page.FillAsync("#s-confirm", "something-else");
        await page.ClickAsync("#pw-set button[type=submit]");
        await Expect(page.Locator("#pw-set .err[data-for=password_confirm]")).ToHaveTextAsync("does not match the password");
        await Expect(page.Locator("#note")).ToHaveTextAsync("no password was set");
        await Expect(page.Locator("#s-password")).ToHaveValueAsync(UiSession.Password);
        Assert.True(device.Web.SetupRequired);
        await page.FillAsync("#s-confirm", UiSession.Password);
        await page.ClickAsync("#pw-set button[type=submit]");

        // Wi-Fi: the module's own scan, polled while it runs; names are shown as text.
        await Expect(page.Locator("#step-wifi")).ToBeVisibleAsync();
        Assert.False(device.Web.SetupRequired);
        await Expect(page.Locator("#scan-state")).ToHaveTextAsync("2 networks found.");
        await Expect(page.Locator("#nets label")).ToHaveCountAsync(2);
        await Expect(page.Locator("#nets label").Nth(1)).ToContainTextAsync("Neighbour <b>");
        await Expect(page.Locator("#ap-name")).ToHaveTextAsync("NesMep-A1B2C3");
        Assert.Equal(1, device.Scans);
        await page.ClickAsync("#f-wifi button[type=submit]");
        await Expect(page.Locator(".err[data-for=wifi_ssid]")).ToHaveTextAsync("pick a network above or type its name");
        await Expect(page.Locator("#wifi_ssid")).ToBeFocusedAsync();
        await page.CheckAsync("#net-0");
        await Expect(page.Locator("#wifi_ssid")).ToHaveValueAsync("home-net");
        await page.FillAsync("#wifi_password", "wifi-secret-1");
        await ui.ScreenshotAsync("setup-2-wifi");
        await page.ClickAsync("#f-wifi button[type=submit]");

        // Meter key: its form is recognised while typing; a bad one is refused with the module's message and stays.
        await Expect(page.Locator("#step-key")).ToBeVisibleAsync();
        Assert.Equal("home-net", device.Web.Settings.WifiSsid);
        Assert.Equal("wifi-secret-1", device.Web.Settings.WifiPassword);
        await page.FillAsync("#meter_key", "1234");
        await Expect(page.Locator("#key-form")).ToHaveTextAsync("4 hex digits: not a key form (20 characters, 40 or 32 hex digits)");
        await page.ClickAsync("#f-key button[type=submit]");
        await Expect(page.Locator(".err[data-for=meter_key]")).ToContainTextAsync("MEP key");
        await Expect(page.Locator("#meter_key")).ToHaveValueAsync("1234");
        await Expect(page.Locator("#meter_key")).ToBeFocusedAsync();
        Assert.Equal("", device.Web.Settings.MeterKey);
        await page.FillAsync("#meter_key", Key);
        await Expect(page.Locator("#key-form")).ToHaveTextAsync("detected: 20 ASCII characters");
        await page.ClickAsync("#f-key button[type=submit]");

        // MQTT (optional), then the summary and the host name the module will answer to.
        await Expect(page.Locator("#step-mqtt")).ToBeVisibleAsync();
        Assert.Equal(Key, device.Web.Settings.MeterKey);
        await page.CheckAsync("#mqtt_enabled");
        await page.FillAsync("#mqtt_host", "broker.lan");
        await page.ClickAsync("#f-mqtt button[type=submit]");
        await Expect(page.Locator("#step-connect")).ToBeVisibleAsync();
        await Expect(page.Locator("#summary")).ToContainTextAsync("home-net");
        await Expect(page.Locator("#summary")).ToContainTextAsync("to broker.lan");
        await Expect(page.Locator("#summary")).ToContainTextAsync("set (20 ASCII characters)");
        await page.FillAsync("#hostname", "meter-box");
        await Expect(page.Locator("#host-shown")).ToHaveTextAsync("meter-box");
        await ui.ScreenshotAsync("setup-3-connect");
        Assert.Equal(ProvisioningState.Setup, device.Machine.State);
        await page.ClickAsync("#connect");

        // The module restarts into its network; the page says where to find it.
        await Expect(page.Locator("#done")).ToBeVisibleAsync();
        await Expect(page.Locator("#done")).ToBeFocusedAsync();
        await Expect(page.Locator("#done-url")).ToHaveTextAsync("http://meter-box.local/");
        await Expect(page.Locator("#done-ssid")).ToHaveTextAsync("home-net");
        await Expect(page.Locator("#done-ap")).ToHaveTextAsync("NesMep-A1B2C3");
        await ui.ScreenshotAsync("setup-4-done");
        ModuleSettings saved = device.Platform.Saved!;
        Assert.Equal(("meter-box", "home-net", Key, true, "broker.lan"), (saved.Hostname, saved.WifiSsid, saved.MeterKey, saved.MqttEnabled, saved.Mqtt.Host));
        Assert.Equal(ProvisioningState.Rebooting, device.Machine.State);
        Assert.Equal(RadioMode.Station, device.Machine.WantedRadio);
        Assert.Equal(0, device.Reboots);
        device.Clock.Advance(ProvisioningTimings.RebootDelayMs); // the answer got out first
        await WaitFor(() => device.Reboots == 1);
        Assert.Equal("rebooting", await page.EvaluateAsync<string>("async () => (await NM.loadSession()).provisioning"));
        ui.AssertClean();
    }

    [Fact]
    public async Task On_the_fallback_access_point_errors_keep_what_was_typed_through_a_failed_scan_a_lost_login_and_a_lost_answer()
    {
        var settings = new ModuleSettings
        {
            WifiSsid = "old-net",
            WebPasswordHash = PasswordHash.Create(UiSession.Password, 1000, HmacSha256Primitive.Instance, SystemRandomSource.Instance),
        };
        await using UiSession ui = await UiSession.StartAsync(browser, output, accessPoint: settings, fallback: true);
        AccessPointModule device = ui.Device!;
        Assert.Equal(ProvisioningState.Fallback, device.Machine.State);
        IPage page = ui.Page;

        // The dashboard stays, with a note that leads to the wizard.
        await page.GotoAsync("/");
        await Expect(page.Locator("#setup-hint")).ToContainTextAsync("opened its own access point");
        await ui.ScreenshotAsync("setup-fallback-hint");
        await page.ClickAsync("#setup-hint a");
        await Expect(page).ToHaveURLAsync(new Regex("/setup\\.html$"));

        // A password exists: log in instead of choosing one. A wrong one says so and stays typed.
        await Expect(page.Locator("#pw-login")).ToBeVisibleAsync();
        await Expect(page.Locator("#pw-set")).ToBeHiddenAsync();
        await page.FillAsync("#l-password", "not-the-password");
        await page.ClickAsync("#pw-login button[type=submit]");
        await Expect(page.Locator("#note")).ToContainTextAsync("wrong password");
        await Expect(page.Locator("#l-password")).ToHaveValueAsync("not-the-password");
        device.Clock.Advance(60_000); // past the slow-down after a wrong password
        await page.FillAsync("#l-password", UiSession.Password);
        await page.ClickAsync("#pw-login button[type=submit]");

        // A scan that found nothing: the saved network is offered for editing, a name can be typed, a rescan finds it.
        await Expect(page.Locator("#step-wifi")).ToBeVisibleAsync();
        await Expect(page.Locator("#scan-state")).ToHaveTextAsync("No networks found. Scan again, or type the network name below.");
        await Expect(page.Locator("#wifi_ssid")).ToHaveValueAsync("old-net");
        await page.FillAsync("#wifi_ssid", "hidden-net");
        device.ScanResult = [new WifiNetwork("hidden-net", -61, true)];
        device.Clock.Advance(ProvisioningTimings.ScanMaxAgeMs); // the module scans again only when its list is that old
        await page.ClickAsync("#rescan");
        await Expect(page.Locator("#scan-state")).ToHaveTextAsync("1 network found.");
        await Expect(page.Locator("#net-0")).ToBeCheckedAsync();
        Assert.Equal(2, device.Scans);

        // The login ends (cookie gone): the next step asks for the password and comes back with nothing lost.
        await page.FillAsync("#wifi_password", "new-wifi-pass");
        await ui.Context.ClearCookiesAsync();
        await page.ClickAsync("#f-wifi button[type=submit]");
        await Expect(page.Locator("#pw-login")).ToBeVisibleAsync();
        await Expect(page.Locator("#login-why")).ToContainTextAsync("nothing typed is lost");
        Assert.Equal("old-net", device.Web.Settings.WifiSsid);
        await page.FillAsync("#l-password", UiSession.Password);
        await page.ClickAsync("#pw-login button[type=submit]");
        await Expect(page.Locator("#step-wifi")).ToBeVisibleAsync();
        await Expect(page.Locator("#wifi_ssid")).ToHaveValueAsync("hidden-net");
        await Expect(page.Locator("#wifi_password")).ToHaveValueAsync("new-wifi-pass");
        await page.ClickAsync("#f-wifi button[type=submit]");
        await Expect(page.Locator("#step-key")).ToBeVisibleAsync();
        Assert.Equal(("hidden-net", "new-wifi-pass"), (device.Web.Settings.WifiSsid, device.Web.Settings.WifiPassword));

        // Key kept (empty field), MQTT skipped.
        await page.ClickAsync("#f-key button[type=submit]");
        await page.ClickAsync("#mqtt-skip");
        await Expect(page.Locator("#summary")).ToContainTextAsync("not set: the meter is not read");

        // The answer to "connect" is lost: the page says so and keeps the host name typed; the next try works.
        await page.RouteAsync("**/api/v1/wifi/connect", route => route.AbortAsync());
        await page.FillAsync("#hostname", "cabinet-meter");
        await page.ClickAsync("#connect");
        await Expect(page.Locator("#note")).ToContainTextAsync("The module did not answer");
        await Expect(page.Locator("#hostname")).ToHaveValueAsync("cabinet-meter");
        await Expect(page.Locator("#step-connect")).ToBeVisibleAsync();
        Assert.Equal(ProvisioningState.Fallback, device.Machine.State);
        await page.UnrouteAsync("**/api/v1/wifi/connect");
        await page.ClickAsync("#connect");
        await Expect(page.Locator("#done-url")).ToHaveTextAsync("http://cabinet-meter.local/");
        Assert.Equal(ProvisioningState.Rebooting, device.Machine.State);
        ui.AssertClean();
    }

    [Fact]
    public async Task On_Linux_nothing_leads_to_the_wizard_and_its_page_says_there_is_nothing_to_set_up()
    {
        await using UiSession ui = await UiSession.StartAsync(browser, output);
        IPage page = ui.Page;
        await page.GotoAsync("/");
        await Expect(page.Locator("#link")).ToHaveTextAsync("link up");
        Assert.Null(await page.EvaluateAsync<string?>("async () => (await NM.loadSession()).provisioning"));
        await Expect(page.Locator("#setup-hint")).ToHaveCountAsync(0);
        Assert.EndsWith("/", page.Url);

        await page.GotoAsync("/setup.html");
        await Expect(page.Locator("#not-here")).ToBeVisibleAsync();
        await Expect(page.Locator("#not-here")).ToContainTextAsync("Wi-Fi is handled by the module's firmware only");
        await Expect(page.Locator("#wizard")).ToBeHiddenAsync();
        ui.AssertClean();
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(sw.ElapsedMilliseconds < 10_000, "condition not met within 10 s");
            await Task.Delay(20);
        }
    }
}
