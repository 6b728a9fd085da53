#nullable enable
using System.Text.Json;
using NesMep.Core.Api;
using NesMep.Core.Link;
using NesMep.Core.Model;
using NesMep.Core.Polling;
using NesMep.Core.Protocol;
using NesMep.Core.Tests.Support;
using NesMep.Core.Web;
using Xunit;

namespace NesMep.Core.Tests.Web;

/// <summary>The web router end to end in the core: a scripted meter, virtual time, a recording platform.</summary>
public partial class WebRouterTests
{
    private const string Password = "first-password-1";
    private readonly VirtualClock _clock = new();
    private readonly FakePlatform _platform = new();
    private readonly ListLog _log = new();
    private readonly WebApp _app;
    private readonly ModuleContext _context;
    private readonly MeterPoller _poller;
    private readonly object _gate = new();
    private readonly TestHmac _hmac = new();

    public WebRouterTests()
    {
        var key = MepKey.Parse("0123456789ABCDEFGHIJ");
        var meter = new ScriptedMeter(_clock, key, 0x10);
        var images = new Gen3MeterImages();
        meter.Tables = images.Serve;
        var link = new MepLink(meter, _clock, meter, key, new LinkSettings(), _log);
        _poller = new MeterPoller(link, _clock, new PollSettings(), new MeterReading(new QualitySettings()), _log);
        _context = new ModuleContext(new ModuleInfo(), _clock, _poller);
        _app = new WebApp(_platform, _hmac, new CountingRandom(), _clock, _log, new ModuleSettings { MeterKey = "0123456789ABCDEFGHIJ" }, "9.9.9")
        {
            PasswordIterations = 50,
        };
    }

    private WebResponse Send(string method, string path, string body = "", string? cookie = null, string? csrf = null, string client = "10.0.0.5", string? host = null)
    {
        var r = new WebRequest
        {
            Host = host,
            Method = method,
            Path = path,
            Body = body,
            Cookie = cookie,
            CsrfToken = csrf,
            Client = client,
            ContentType = body.Length > 0 ? "application/x-www-form-urlencoded; charset=UTF-8" : null,
        };
        return WebRouter.Handle(r, _app, _gate, _context) ?? throw new Xunit.Sdk.XunitException("not routed: " + path);
    }

    private static JsonElement Json(WebResponse r) => JsonDocument.Parse(Text(r)).RootElement;

    /// <summary>The body as the dispatcher would send it: a streamed view (the console) rendered, else the string.</summary>
    private static string Text(WebResponse r)
    {
        if (r.Streamed == null)
        {
            return r.Body;
        }

        Assert.Equal("", r.Body);
        var w = new NesMep.Core.Json.JsonWriter();
        r.Streamed.WriteJson(w);
        return w.ToString();
    }

    private string LoginToken() => Json(Send("GET", "/api/v1/session")).GetProperty("csrf_token").GetString()!;

    /// <summary>Sets the first password; returns the cookie and the session's CSRF token.</summary>
    private (string Cookie, string Csrf) Setup()
    {
        WebResponse r = Send("POST", "/api/v1/setup", "password=" + Password + "&password_confirm=" + Password, csrf: LoginToken());
        Assert.Equal(200, r.Status);
        string cookie = r.SetCookie!.Split(';')[0];
        return (cookie, Json(r).GetProperty("csrf_token").GetString()!);
    }

    [Fact]
    public void First_start_requires_a_password_before_anything_protected()
    {
        JsonElement s = Json(Send("GET", "/api/v1/session"));
        Assert.True(s.GetProperty("setup_required").GetBoolean());
        Assert.False(s.GetProperty("logged_in").GetBoolean());
        Assert.Equal("linux", s.GetProperty("platform").GetString());

        foreach (string path in new[] { "/api/v1/settings", "/api/v1/logs", "/api/v1/console" })
        {
            WebResponse r = Send("GET", path);
            Assert.Equal(401, r.Status);
            Assert.True(Json(r).GetProperty("setup_required").GetBoolean());
        }

        Assert.Equal(401, Send("POST", "/api/v1/login", "password=x", csrf: LoginToken()).Status);

        // Setup needs the login token, a matching confirmation and 8+ characters.
        Assert.Equal(403, Send("POST", "/api/v1/setup", "password=" + Password + "&password_confirm=" + Password).Status);
        WebResponse bad = Send("POST", "/api/v1/setup", "password=short&password_confirm=other", csrf: LoginToken());
        Assert.Equal(400, bad.Status);
        Assert.Contains("password_confirm", bad.Body);
        Assert.Empty(_platform.Saved);

        var (cookie, csrf) = Setup();
        Assert.Single(_platform.Saved);
        Assert.StartsWith("pbkdf2-sha256$50$", _platform.Saved[0].WebPasswordHash);
        Assert.Equal(200, Send("GET", "/api/v1/settings", cookie: cookie).Status);
        Assert.Equal(409, Send("POST", "/api/v1/setup", "password=another-one-1&password_confirm=another-one-1", csrf: LoginToken()).Status);
        Assert.Contains(_log.Lines, l => l.Contains("first web password set"));
        Assert.DoesNotContain(_log.Lines, l => l.Contains(Password));
        Assert.NotEqual(csrf, cookie.Substring(Cookies.SessionName.Length + 1)); // the CSRF token is not the session id
    }

    [Fact]
    public void Setup_from_outside_the_access_point_is_refused_on_the_device()
    {
        var r = new WebRequest { Method = "POST", Path = "/api/v1/setup", Body = "password=" + Password + "&password_confirm=" + Password, CsrfToken = LoginToken(), SetupAllowed = false };
        Assert.Equal(403, WebRouter.Handle(r, _app, _gate, _context)!.Status);
        Assert.True(_app.SetupRequired);
    }

    [Fact]
    public void A_setup_code_guards_the_first_password_when_the_platform_asks_for_one()
    {
        _app.SetupCode = "C0DE1234AB";
        Assert.True(Json(Send("GET", "/api/v1/session")).GetProperty("setup_code_required").GetBoolean());
        WebResponse wrong = Send("POST", "/api/v1/setup", "password=" + Password + "&password_confirm=" + Password + "&setup_code=0000000000", csrf: LoginToken());
        Assert.Equal(400, wrong.Status);
        Assert.Equal("setup_code", Json(wrong).GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal(429, Send("POST", "/api/v1/setup", "password=" + Password + "&password_confirm=" + Password + "&setup_code=C0DE1234AB", csrf: LoginToken()).Status);
        _clock.Advance(1000);
        Assert.Equal(400, Send("POST", "/api/v1/setup", "password=" + Password + "&password_confirm=" + Password, csrf: LoginToken()).Status);
        _clock.Advance(2000);
        Assert.Equal(200, Send("POST", "/api/v1/setup", "password=" + Password + "&password_confirm=" + Password + "&setup_code=C0DE1234AB", csrf: LoginToken()).Status);
        Assert.Null(_app.SetupCode);
        Assert.False(Json(Send("GET", "/api/v1/session")).GetProperty("setup_code_required").GetBoolean());
        Assert.DoesNotContain(_log.Lines, l => l.Contains("C0DE1234AB"));
    }

    [Fact]
    public void Login_logout_and_the_checks_on_changes()
    {
        var (_, _) = Setup();
        WebResponse wrong = Send("POST", "/api/v1/login", "password=nope", csrf: LoginToken());
        Assert.Equal(401, wrong.Status);
        Assert.Null(wrong.SetCookie);

        _clock.Advance(1000);
        WebResponse ok = Send("POST", "/api/v1/login", "password=" + Password, csrf: LoginToken());
        Assert.Equal(200, ok.Status);
        Assert.Matches("^nesmep_sid=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict$", ok.SetCookie);
        string cookie = ok.SetCookie!.Split(';')[0];
        string csrf = Json(ok).GetProperty("csrf_token").GetString()!;
        Assert.Equal(csrf, Json(Send("GET", "/api/v1/session", cookie: cookie)).GetProperty("csrf_token").GetString());

        // A change without a session is 401; with a session but without (or with a wrong) token 403.
        Assert.Equal(401, Send("POST", "/api/v1/settings", "hostname=x").Status);
        Assert.Equal(403, Send("POST", "/api/v1/settings", "hostname=x", cookie: cookie).Status);
        Assert.Equal(403, Send("POST", "/api/v1/settings", "hostname=x", cookie: cookie, csrf: LoginToken()).Status);
        Assert.Equal(200, Send("POST", "/api/v1/settings", "hostname=x", cookie: cookie, csrf: csrf).Status);

        // A JSON body is refused (only forms are parsed).
        var json = new WebRequest { Method = "POST", Path = "/api/v1/settings", Body = "{}", Cookie = cookie, CsrfToken = csrf, ContentType = "application/json" };
        Assert.Equal(415, WebRouter.Handle(json, _app, _gate, _context)!.Status);

        WebResponse bye = Send("POST", "/api/v1/logout", "", cookie: cookie, csrf: csrf);
        Assert.Equal(200, bye.Status);
        Assert.Contains("Max-Age=0", bye.SetCookie);
        Assert.Equal(401, Send("GET", "/api/v1/settings", cookie: cookie).Status);
        Assert.Equal(405, Send("GET", "/api/v1/login").Status);
        Assert.Equal(404, Send("POST", "/api/v1/update", "", cookie: cookie, csrf: csrf).Status);
    }

    [Fact]
    public void Wrong_passwords_slow_the_client_down_exponentially()
    {
        Setup();
        var waits = new List<int>();
        for (int i = 0; i < 4; i++)
        {
            WebResponse r = Send("POST", "/api/v1/login", "password=guess" + i, csrf: LoginToken());
            Assert.Equal(401, r.Status);
            int retry = Json(r).GetProperty("retry_after_s").GetInt32();
            waits.Add(retry);

            // Within the wait even the right password is not checked.
            WebResponse blocked = Send("POST", "/api/v1/login", "password=" + Password, csrf: LoginToken());
            Assert.Equal(429, blocked.Status);
            Assert.Equal(retry, blocked.RetryAfterS);

            // Other clients are not affected.
            Assert.Equal(401, Send("POST", "/api/v1/login", "password=x", csrf: LoginToken(), client: "10.0.0." + (20 + i)).Status);
            _clock.Advance(retry * 1000L);
        }

        Assert.Equal(new[] { 1, 2, 4, 8 }, waits);
        Assert.Equal(200, Send("POST", "/api/v1/login", "password=" + Password, csrf: LoginToken()).Status);
        Assert.Equal(401, Send("POST", "/api/v1/login", "password=again-wrong", csrf: LoginToken()).Status);
        Assert.Equal(429, Send("POST", "/api/v1/login", "password=" + Password, csrf: LoginToken()).Status);
    }

    [Fact]
    public void Settings_are_saved_whole_or_not_at_all()
    {
        var (cookie, csrf) = Setup();
        int saves = _platform.Saved.Count;
        WebResponse bad = Send("POST", "/api/v1/settings", "hostname=new-name&meter_key=nonsense", cookie: cookie, csrf: csrf);
        Assert.Equal(400, bad.Status);
        Assert.Equal("meter_key", Json(bad).GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal(saves, _platform.Saved.Count);
        Assert.Equal("esp32-mep", _app.Settings.Hostname);

        // Storage failure: nothing changes either.
        _platform.SaveError = "disk full";
        WebResponse failed = Send("POST", "/api/v1/settings", "hostname=new-name", cookie: cookie, csrf: csrf);
        Assert.Equal(500, failed.Status);
        Assert.Contains("disk full", failed.Body);
        Assert.Equal("esp32-mep", _app.Settings.Hostname);
        Assert.Empty(_platform.Applied);

        _platform.SaveError = null;
        WebResponse ok = Send("POST", "/api/v1/settings", "hostname=new-name&poll_power_ms=2500", cookie: cookie, csrf: csrf);
        Assert.Equal(200, ok.Status);
        Assert.True(Json(ok).GetProperty("restarting").GetBoolean());
        Assert.Equal("new-name", _app.Settings.Hostname);
        Assert.Equal(2500, _platform.Applied.Single().PollPowerMs);
        Assert.Contains(_log.Lines, l => l.Contains("changed: host name, poll schedule"));
    }

    [Fact]
    public void Changing_the_password_checks_the_current_one_and_ends_other_sessions()
    {
        var (cookie, csrf) = Setup();
        string other = Send("POST", "/api/v1/login", "password=" + Password, csrf: LoginToken(), client: "10.0.0.7").SetCookie!.Split(';')[0];

        WebResponse wrong = Send("POST", "/api/v1/settings", "web_password=second-password&web_password_confirm=second-password&current_password=bad", cookie: cookie, csrf: csrf);
        Assert.Equal(400, wrong.Status);
        Assert.Contains("wrong password", wrong.Body);
        _clock.Advance(1000);

        WebResponse ok = Send("POST", "/api/v1/settings", "web_password=second-password&web_password_confirm=second-password&current_password=" + Password, cookie: cookie, csrf: csrf);
        Assert.Equal(200, ok.Status);
        Assert.False(Json(ok).GetProperty("restarting").GetBoolean());
        Assert.Empty(_platform.Applied);
        Assert.Equal(200, Send("GET", "/api/v1/settings", cookie: cookie).Status);
        Assert.Equal(401, Send("GET", "/api/v1/settings", cookie: other).Status);
        Assert.True(PasswordHash.Verify("second-password", _app.Settings.WebPasswordHash, new TestHmac()));
        Assert.DoesNotContain(_log.Lines, l => l.Contains("second-password"));
    }

    [Fact]
    public void No_GET_body_contains_a_secret()
    {
        var (cookie, csrf) = Setup();
        Assert.Equal(200, Send("POST", "/api/v1/settings", "mqtt_enabled=1&mqtt_host=b&mqtt_user=u&mqtt_password=mqtt-pass-123&api_token=token-token-token-123", cookie: cookie, csrf: csrf).Status);
        _platform.Lines = _log.Lines.ToArray();
        foreach (string path in new[] { "/api/v1/session", "/api/v1/settings", "/api/v1/logs", "/api/v1/console" })
        {
            string body = Send("GET", path, cookie: cookie).Body;
            foreach (string secret in new[] { "0123456789ABCDEFGHIJ", "mqtt-pass-123", "token-token-token-123", Password, "pbkdf2" })
            {
                Assert.DoesNotContain(secret, body);
            }
        }
    }

    [Fact]
    public void Api_token_gate_protects_api_v1_but_never_the_Home_Assistant_document()
    {
        var (cookie, csrf) = Setup();
        Assert.Null(ApiTokenGate.Check(new WebRequest { Path = "/api/v1/reading" }, _app));
        Assert.Equal(200, Send("POST", "/api/v1/settings", "require_api_token=1&api_token=token-token-token-123", cookie: cookie, csrf: csrf).Status);

        WebResponse? refused = ApiTokenGate.Check(new WebRequest { Path = "/api/v1/reading" }, _app);
        Assert.Equal(401, refused!.Status);
        Assert.StartsWith("Bearer", refused.Authenticate);
        Assert.NotNull(ApiTokenGate.Check(new WebRequest { Path = "/api/v1/status", Authorization = "Bearer wrong-token-token-1" }, _app));
        Assert.Null(ApiTokenGate.Check(new WebRequest { Path = "/api/v1/info", Authorization = "Bearer token-token-token-123" }, _app));
        Assert.Null(ApiTokenGate.Check(new WebRequest { Path = "/api/v1/reading", Cookie = cookie }, _app));
        Assert.Null(ApiTokenGate.Check(new WebRequest { Path = "/getDashDataWS" }, _app));
        Assert.Null(ApiTokenGate.Check(new WebRequest { Path = "/metrics" }, _app));
        Assert.Null(ApiTokenGate.Check(new WebRequest { Path = "/api/v1/session" }, _app));

        // What a host may decide without the lock: only the three protected paths, only while required.
        Assert.True(ApiTokenGate.Applies(new WebRequest { Path = "/api/v1/reading?x=1" }, _app));
        Assert.False(ApiTokenGate.Applies(new WebRequest { Path = "/getDashDataWS" }, _app));
        Assert.False(ApiTokenGate.Applies(new WebRequest { Path = "/index.html" }, _app));
        Assert.Equal(200, Send("POST", "/api/v1/settings", "require_api_token=0", cookie: cookie, csrf: csrf).Status);
        Assert.False(ApiTokenGate.Applies(new WebRequest { Path = "/api/v1/reading" }, _app));
    }

    [Fact]
    public void Console_reads_BT01_through_the_poller_and_describes_it()
    {
        var (cookie, csrf) = Setup();
        RunMeter(15_000);
        Assert.Equal("idle", Json(Send("GET", "/api/v1/console", cookie: cookie)).GetProperty("state").GetString());

        WebResponse write = Send("POST", "/api/v1/console/read", "op=write&table=BT01", cookie: cookie, csrf: csrf);
        Assert.Equal(400, write.Status);
        Assert.Contains("only reads", write.Body);

        WebResponse queued = Send("POST", "/api/v1/console/read", "op=read&table=bt01", cookie: cookie, csrf: csrf);
        Assert.Equal(202, queued.Status);
        Assert.Equal(409, Send("POST", "/api/v1/console/read", "table=BT01", cookie: cookie, csrf: csrf).Status);
        RunMeter(2000);

        JsonElement done = Json(Send("GET", "/api/v1/console", cookie: cookie));
        Assert.Equal("done", done.GetProperty("state").GetString());
        Assert.Equal("ok", done.GetProperty("result").GetString());
        Assert.Equal("BT01", done.GetProperty("table").GetString());
        Assert.Equal("full_read", done.GetProperty("request").GetProperty("service").GetString());
        Assert.True(done.GetProperty("request").GetProperty("digest_valid").GetBoolean());
        JsonElement resp = done.GetProperty("response");
        Assert.True(resp.GetProperty("digest_valid").GetBoolean());
        Assert.Equal("BT01", resp.GetProperty("decoded").GetProperty("table").GetString());
        Assert.StartsWith(done.GetProperty("request_hex").GetString()!.Substring(0, 4), "0011");

        // A partial read of BT23 is described with its offset and count.
        Assert.Equal(202, Send("POST", "/api/v1/console/read", "table=0x0017&offset=0&count=16", cookie: cookie, csrf: csrf).Status);
        RunMeter(2000);
        JsonElement partial = Json(Send("GET", "/api/v1/console", cookie: cookie));
        Assert.Equal("partial read", partial.GetProperty("kind").GetString());
        Assert.Equal(16, partial.GetProperty("request").GetProperty("count").GetInt32());
    }

    private void RunMeter(int ms)
    {
        for (int t = 0; t < ms; t++)
        {
            lock (_gate)
            {
                _poller.Poll();
            }

            _clock.Advance(1);
        }
    }
    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:8080")]
    [InlineData("esp32-mep.evil.example")]
    [InlineData("127.0.0.1.evil.example")]
    public void Requests_addressed_to_a_foreign_host_name_are_refused(string host)
    {
        // DNS rebinding: a page on evil.example re-pointed at the module must not set the first password.
        WebResponse r = Send("GET", "/api/v1/session", host: host);
        Assert.Equal(403, r.Status);
        Assert.Contains("DNS rebinding", r.Body);
        Assert.True(_app.SetupRequired);
    }

    [Theory]
    [InlineData("127.0.0.1:8080")]
    [InlineData("192.168.4.1")]
    [InlineData("[::1]:8080")]
    [InlineData("localhost:8080")]
    [InlineData("esp32-mep")]
    [InlineData("ESP32-MEP.local")]
    public void Requests_addressed_to_an_address_localhost_or_the_own_name_are_served(string host)
    {
        Assert.Equal(200, Send("GET", "/api/v1/session", host: host).Status);
    }
}

public class ConsoleFormTests
{
    private static (bool Ok, TableRequest Request, FieldErrors Errors) Parse(string body)
    {
        var request = new TableRequest();
        var errors = new FieldErrors();
        bool ok = ConsoleForm.TryParse(FormBody.Parse(body, out _)!, request, errors);
        return (ok, request, errors);
    }

    [Theory]
    [InlineData("table=BT01", TableOperation.FullRead, 1, 0, 0)]
    [InlineData("table=ET03", TableOperation.FullRead, 0x803, 0, 0)]
    [InlineData("table=0x0017&offset=0&count=16", TableOperation.PartialRead, 0x17, 0, 16)]
    [InlineData("table=28&offset=0x10&count=0x20", TableOperation.PartialRead, 28, 16, 32)]
    [InlineData("table=BT23&count=8", TableOperation.PartialRead, 0x17, 0, 8)]
    [InlineData("table=BT01&offset=&count=", TableOperation.FullRead, 1, 0, 0)]
    public void Builds_reads(string body, TableOperation operation, int table, int offset, int count)
    {
        var (ok, r, errors) = Parse(body);
        Assert.True(ok, errors.Count > 0 ? errors.Field(0) + ": " + errors.Message(0) : "");
        Assert.Equal(operation, r.Operation);
        Assert.Equal(table, r.TableId);
        Assert.Equal(offset, r.Offset);
        Assert.Equal(count, r.Count);
        Assert.True(r.IsRead);
    }

    [Theory]
    [InlineData("", "table")]
    [InlineData("table=XX01", "table")]
    [InlineData("table=BT01&offset=5", "count")]
    [InlineData("table=BT01&count=0", "count")]
    [InlineData("table=BT01&count=5000", "count")]
    [InlineData("table=BT01&offset=-1&count=1", "offset")]
    [InlineData("table=BT01&op=write", "op")]
    [InlineData("table=BT07&op=procedure", "op")]
    [InlineData("table=BT07&data=0102", "data")]
    [InlineData("table=BT07&code=0x40", "code")]
    public void Refuses_anything_but_a_valid_read(string body, string field)
    {
        var (ok, _, errors) = Parse(body);
        Assert.False(ok);
        Assert.True(errors.Has(field), "expected an error on " + field);
    }
}
