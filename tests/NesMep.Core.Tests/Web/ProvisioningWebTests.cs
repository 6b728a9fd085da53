#nullable enable
using System.Text.Json;
using NesMep.Core.Network;
using NesMep.Core.Provisioning;
using NesMep.Core.Tests.Provisioning;
using NesMep.Core.Tests.Support;
using NesMep.Core.Web;
using Xunit;

namespace NesMep.Core.Tests.Web;

/// <summary>The web side of the device's access point: captive probes, foreign host names, the Wi-Fi endpoints, the renewed hash.</summary>
public partial class WebRouterTests
{
    private static readonly string[] ProbePaths =
    [
        "/generate_204", "/gen_204", "/hotspot-detect.html", "/library/test/success.html", "/connecttest.txt", "/ncsi.txt",
        "/redirect", "/canonical.html", "/success.txt",
    ];

    /// <summary>The device's machine, booted with the radio as given (no reboot: the radio matches what it decides).</summary>
    private ProvisioningMachine Provision(int radio, bool configured = false)
    {
        var m = new ProvisioningMachine(new FlakyFlash(), "I:\\provisioning.txt", AccessPoint.Ssid(DeviceRig.Mac), _clock, _log);
        int action = m.Boot(radio, configured, configured);
        Assert.Equal(radio == RadioMode.AccessPoint ? ProvisioningAction.StartAccessPoint : ProvisioningAction.JoinStation, action);
        _app.Provisioning = m;
        return m;
    }

    private RecordingSink DispatchTo(string host, string method, string path, string? cookie = null)
    {
        var sink = new RecordingSink();
        var request = new WebRequest { Method = method, Path = path, Host = host, Cookie = cookie, Client = "192.168.4.2" };
        NewDispatcher().Serve(request, _context, _gate, sink);
        return sink;
    }

    [Fact]
    public void On_the_access_point_every_phone_probe_is_sent_to_the_portal_whatever_host_it_names()
    {
        Provision(RadioMode.AccessPoint);
        foreach (string path in ProbePaths)
        {
            foreach (string host in new[] { "connectivitycheck.gstatic.com", "captive.apple.com", "www.msftconnecttest.com", "192.168.4.1" })
            {
                RecordingSink r = DispatchTo(host, "GET", path);
                Assert.True(r.Code == 302, host + path + " → " + r.Code);
                Assert.Equal(AccessPoint.PortalUrl, r.Header("Location"));
                Assert.Contains(AccessPoint.PortalUrl, r.Body);
            }
        }

        Assert.Equal(405, DispatchTo("192.168.4.1", "POST", "/generate_204").Code);
    }

    [Fact]
    public void On_the_access_point_a_foreign_host_name_is_redirected_and_the_module_s_own_names_are_served()
    {
        Provision(RadioMode.AccessPoint);
        _assets.Files["index.html"] = new WebAsset(System.Text.Encoding.UTF8.GetBytes("<p>ui</p>"), null, WebHeaders.Html, "abc");
        foreach (string path in new[] { "/", "/index.html", "/api/v1/session", "/api/v1/reading", "/favicon.ico" })
        {
            RecordingSink r = DispatchTo("example.com", "GET", path);
            Assert.True(r.Code == 302, path + " → " + r.Code);
            Assert.Equal(AccessPoint.PortalUrl, r.Header("Location"));
        }

        Assert.Equal(200, DispatchTo("192.168.4.1", "GET", "/").Code);
        Assert.Equal(200, DispatchTo("192.168.4.1:80", "GET", "/api/v1/session").Code);
        Assert.Equal(200, DispatchTo("esp32-mep.local", "GET", "/api/v1/session").Code);
    }

    [Fact]
    public void Off_the_access_point_the_probe_paths_are_unknown_and_foreign_hosts_keep_their_403()
    {
        foreach (int radio in new[] { -1, RadioMode.Station })
        {
            if (radio == RadioMode.Station)
            {
                Provision(RadioMode.Station, configured: true);
            }

            foreach (string path in ProbePaths)
            {
                RecordingSink probe = DispatchTo("connectivitycheck.gstatic.com", "GET", path);
                Assert.True(probe.Code == 404, path + " → " + probe.Code);
                Assert.Null(probe.Header("Location"));
            }

            Assert.Equal(403, DispatchTo("evil.example", "GET", "/api/v1/session").Code);
        }
    }

    [Fact]
    public void The_first_password_is_taken_from_access_point_clients_only()
    {
        ProvisioningMachine m = Provision(RadioMode.AccessPoint);
        string body = "password=" + Password + "&password_confirm=" + Password;
        var lan = new WebRequest { Method = "POST", Path = "/api/v1/setup", Body = body, CsrfToken = LoginToken(), Client = "192.168.1.20",
            ContentType = "application/x-www-form-urlencoded", SetupAllowed = m.SetupAllowed("192.168.1.5", "192.168.1.20") };
        Assert.Equal(403, WebRouter.Handle(lan, _app, _gate, _context)!.Status);

        var phone = new WebRequest { Method = "POST", Path = "/api/v1/setup", Body = body, CsrfToken = LoginToken(), Client = "192.168.4.2",
            ContentType = "application/x-www-form-urlencoded", SetupAllowed = m.SetupAllowed("192.168.4.1", "192.168.4.2") };
        Assert.Equal(200, WebRouter.Handle(phone, _app, _gate, _context)!.Status);
        Assert.False(_app.SetupRequired);
    }

    [Fact]
    public void The_wifi_endpoints_list_the_scan_and_finish_the_setup_on_the_device_and_answer_501_on_Linux()
    {
        var (cookie, csrf) = Setup();
        Assert.Equal(501, Send("GET", "/api/v1/wifi/networks", cookie: cookie).Status);
        Assert.Equal(501, Send("POST", "/api/v1/wifi/connect", "", cookie: cookie, csrf: csrf).Status);
        Assert.Equal(401, Send("GET", "/api/v1/wifi/networks").Status);

        ProvisioningMachine m = Provision(RadioMode.AccessPoint);
        JsonElement first = Json(Send("GET", "/api/v1/wifi/networks", cookie: cookie));
        Assert.Equal("setup", first.GetProperty("state").GetString());
        Assert.Equal("NesMep-A1B2C3", first.GetProperty("access_point").GetString());
        Assert.True(first.GetProperty("scanning").GetBoolean());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("scan_age_s").ValueKind);
        Assert.Equal(ProvisioningAction.Scan, m.Step());
        _clock.Advance(2500);
        m.NetworksScanned([new WifiNetwork("home \"5G\"", -58, true)]);
        JsonElement listed = Json(Send("GET", "/api/v1/wifi/networks", cookie: cookie));
        Assert.False(listed.GetProperty("scanning").GetBoolean());
        Assert.Equal("home \"5G\"", listed.GetProperty("networks")[0].GetProperty("ssid").GetString());
        Assert.Equal(-58, listed.GetProperty("networks")[0].GetProperty("rssi_dbm").GetInt32());

        WebResponse noNetwork = Send("POST", "/api/v1/wifi/connect", "", cookie: cookie, csrf: csrf);
        Assert.Equal(409, noNetwork.Status);
        Assert.Contains("wifi.ssid", noNetwork.Body);
        Assert.Equal(403, Send("POST", "/api/v1/wifi/connect", "", cookie: cookie).Status); // no CSRF token

        ModuleSettings withWifi = _app.Settings.Copy();
        withWifi.WifiSsid = "home";
        _app.Settings = withWifi;
        JsonElement done = Json(Send("POST", "/api/v1/wifi/connect", "", cookie: cookie, csrf: csrf));
        Assert.True(done.GetProperty("restarting").GetBoolean());
        Assert.Equal("http://esp32-mep.local/", done.GetProperty("url").GetString());
        Assert.Equal(ProvisioningState.Rebooting, m.State);
        Assert.Equal(RadioMode.Station, m.WantedRadio);
    }

    [Fact]
    public void The_session_says_the_provisioning_state_the_setup_wizard_follows_and_null_without_a_machine()
    {
        string Provisioning() => Json(Send("GET", "/api/v1/session")).GetProperty("provisioning").ToString();
        Assert.Equal(JsonValueKind.Null, Json(Send("GET", "/api/v1/session")).GetProperty("provisioning").ValueKind); // Linux

        Provision(RadioMode.AccessPoint);
        Assert.Equal("setup", Provisioning());
        var (cookie, csrf) = Setup();
        Assert.Equal("setup", Json(Send("GET", "/api/v1/session", cookie: cookie)).GetProperty("provisioning").GetString());
        ModuleSettings withWifi = _app.Settings.Copy();
        withWifi.WifiSsid = "home";
        _app.Settings = withWifi;
        Assert.Equal(200, Send("POST", "/api/v1/wifi/connect", "", cookie: cookie, csrf: csrf).Status);
        Assert.Equal("rebooting", Provisioning()); // the wizard no longer opens while the module restarts

        Provision(RadioMode.Station, configured: true);
        Assert.Equal("joining", Provisioning());
        _app.Provisioning!.StationJoined();
        Assert.Equal("connected", Provisioning());
        _app.Provisioning.ButtonDown();
        _clock.Advance(ProvisioningTimings.LongPressMs);
        Assert.Equal(ProvisioningAction.None, _app.Provisioning.Step());
        Assert.Equal("rebooting", Provisioning());
        Assert.Equal(RadioMode.AccessPoint, _app.Provisioning.WantedRadio);
    }

    [Fact]
    public void A_hash_with_more_rounds_than_the_device_cap_is_checked_once_and_renewed_with_the_device_s_rounds()
    {
        var (cookie, _) = Setup();
        ModuleSettings linux = _app.Settings.Copy();
        linux.WebPasswordHash = PasswordHash.Create(Password, 400, _hmac, new CountingRandom()); // "200 000 from Linux", scaled down
        _app.Settings = linux;
        _app.PasswordIterations = 50;
        _app.PasswordIterationsCap = Pbkdf2Calibration.CapFor(50);
        int saved = _platform.Saved.Count;

        Assert.Equal(401, Send("POST", "/api/v1/login", "password=wrong-password", csrf: LoginToken()).Status);
        Assert.Equal(saved, _platform.Saved.Count); // a wrong password renews nothing
        _clock.Advance(60000);

        Assert.Equal(200, Send("POST", "/api/v1/login", "password=" + Password, csrf: LoginToken()).Status);
        Assert.Equal(saved + 1, _platform.Saved.Count);
        Assert.Equal(50, PasswordHash.IterationsOf(_app.Settings.WebPasswordHash));
        Assert.True(PasswordHash.Verify(Password, _app.Settings.WebPasswordHash, _hmac));
        Assert.Contains(_log.Lines, l => l.Contains("password hash renewed with 50 PBKDF2 rounds (was 400"));

        // Renewed once: the next login checks 50 rounds and saves nothing.
        int calls = _hmac.Calls;
        Assert.Equal(200, Send("POST", "/api/v1/login", "password=" + Password, csrf: LoginToken()).Status);
        Assert.Equal(saved + 1, _platform.Saved.Count);
        Assert.InRange(_hmac.Calls - calls, 50, 60);
    }

    [Fact]
    public void Without_a_cap_the_Linux_host_keeps_any_stored_hash()
    {
        Setup();
        ModuleSettings many = _app.Settings.Copy();
        many.WebPasswordHash = PasswordHash.Create(Password, 400, _hmac, new CountingRandom());
        _app.Settings = many;
        int saved = _platform.Saved.Count;
        Assert.Equal(0, _app.PasswordIterationsCap);
        Assert.Equal(200, Send("POST", "/api/v1/login", "password=" + Password, csrf: LoginToken()).Status);
        Assert.Equal(saved, _platform.Saved.Count);
        Assert.Equal(400, PasswordHash.IterationsOf(_app.Settings.WebPasswordHash));
    }

    [Fact]
    public void A_renewed_hash_that_cannot_be_saved_still_logs_in_and_keeps_the_old_hash()
    {
        Setup();
        ModuleSettings linux = _app.Settings.Copy();
        linux.WebPasswordHash = PasswordHash.Create(Password, 400, _hmac, new CountingRandom());
        _app.Settings = linux;
        _app.PasswordIterationsCap = 75;
        _platform.SaveError = "flash full";
        Assert.Equal(200, Send("POST", "/api/v1/login", "password=" + Password, csrf: LoginToken()).Status);
        Assert.Equal(400, PasswordHash.IterationsOf(_app.Settings.WebPasswordHash));
        Assert.Contains(_log.Lines, l => l.Contains("was not saved (flash full)"));
    }
}
