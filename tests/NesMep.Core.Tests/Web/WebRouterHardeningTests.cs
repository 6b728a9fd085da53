#nullable enable
using System.Text.Json;
using NesMep.Core.Api;
using NesMep.Core.Web;
using Xunit;

namespace NesMep.Core.Tests.Web;

/// <summary>
/// What an adversarial test of the web side found (issue 14): many source addresses, login floods,
/// anonymous traffic against pending logins, and the smaller leaks.
/// </summary>
public partial class WebRouterTests
{
    private const long Hour = 60L * 60 * 1000;

    /// <summary>Password checks one unlimited guesser gets through in a virtual hour: the global budget's bound.</summary>
    private static int GlobalBoundPerHour => LoginThrottle.GlobalBurst + (int)(Hour / LoginThrottle.GlobalRefillMs);

    [Fact]
    public void Password_checks_stay_bounded_however_many_addresses_guess()
    {
        Setup();
        int checks = 0;
        string token = LoginToken();
        for (long t = 0, n = 0; t < Hour; t += 100, n++)
        {
            if (n % 1000 == 0)
            {
                token = LoginToken(); // well within the login token's lifetime
            }

            // 40 addresses in turn: more than the per-address table holds.
            WebResponse r = Send("POST", "/api/v1/login", "password=guess" + n, csrf: token, client: "2001:db8::" + (n % 40));
            Assert.True(r.Status == 401 || r.Status == 429, r.Status + " " + r.Body);
            checks += r.Status == 401 ? 1 : 0;
            _clock.Advance(100);
        }

        Assert.InRange(checks, LoginThrottle.GlobalBurst, GlobalBoundPerHour);
        Assert.Contains(_log.Lines, l => l.Contains("all clients"));
        Assert.True(_log.Lines.Count(l => l.Contains("all clients")) <= 2, "the global limit is logged once per episode, not per refusal");
    }

    [Fact]
    public void Setup_code_guesses_stay_bounded_however_many_addresses_guess()
    {
        _app.SetupCode = "C0DE1234AB";
        int checks = 0;
        string token = LoginToken();
        for (long t = 0, n = 0; t < Hour; t += 100, n++)
        {
            if (n % 1000 == 0)
            {
                token = LoginToken();
            }

            WebResponse r = Send("POST", "/api/v1/setup", "password=" + Password + "&password_confirm=" + Password + "&setup_code=" + (1000000000 + n), csrf: token, client: "2001:db8::" + (n % 40));
            Assert.True(r.Status == 400 || r.Status == 429, r.Status + " " + r.Body);
            checks += r.Status == 400 ? 1 : 0;
            _clock.Advance(100);
        }

        Assert.InRange(checks, LoginThrottle.GlobalBurst, GlobalBoundPerHour);
        Assert.True(_app.SetupRequired);
    }

    [Fact]
    public void A_spent_global_budget_holds_new_addresses_but_not_the_owners()
    {
        var (cookie, csrf) = Setup(); // from 10.0.0.5: the owner's address
        for (int i = 0; i < LoginThrottle.GlobalBurst; i++)
        {
            Assert.Equal(401, Send("POST", "/api/v1/login", "password=guess" + i, csrf: LoginToken(), client: "10.1.0." + i).Status);
        }

        // The budget is spent: an address never seen waits, even with the right password.
        WebResponse login = Send("POST", "/api/v1/login", "password=" + Password, csrf: LoginToken(), client: "10.2.0.1");
        Assert.Equal(429, login.Status);
        Assert.InRange(login.RetryAfterS, 1, (int)(LoginThrottle.GlobalRefillMs / 1000));

        // The owner's address is held only by its own slow-down: the attack does not lock the owner out.
        Assert.Equal(200, Send("POST", "/api/v1/login", "password=" + Password, csrf: LoginToken()).Status);
        Assert.Equal(200, Send("POST", "/api/v1/settings", "web_password=second-password&web_password_confirm=second-password&current_password=" + Password, cookie: cookie, csrf: csrf).Status);

        // One refill later a new address gets one check; a right password does not use the budget up.
        _clock.Advance(LoginThrottle.GlobalRefillMs);
        Assert.Equal(200, Send("POST", "/api/v1/login", "password=second-password", csrf: LoginToken(), client: "10.2.0.1").Status);
        Assert.Equal(401, Send("POST", "/api/v1/login", "password=wrong", csrf: LoginToken(), client: "10.2.0.2").Status);
        Assert.Equal(429, Send("POST", "/api/v1/login", "password=second-password", csrf: LoginToken(), client: "10.2.0.3").Status);
    }

    [Fact]
    public async Task A_password_check_in_progress_holds_no_lock_that_other_requests_need()
    {
        var (cookie, csrf) = Setup();
        Assert.Equal(200, Send("POST", "/api/v1/settings", "require_api_token=1&api_token=token-token-token-123", cookie: cookie, csrf: csrf).Status);
        RunMeter(15_000);
        _clock.Advance(LoginThrottle.MaxDelayMs);
        _hmac.BlockOnKey = "blocking-guess";
        string token = LoginToken();
        WebResponse? blockedLogin = null;
        var login = new Thread(() => blockedLogin = Send("POST", "/api/v1/login", "password=blocking-guess", csrf: token, client: "10.3.0.1"));
        login.Start();
        try
        {
            Assert.True(_hmac.Entered.Wait(TimeSpan.FromSeconds(10)), "the login never reached its password check");

            // While PBKDF2 runs: the web lock is free, and every other kind of request is answered.
            var probes = Task.Run(() =>
            {
                Assert.True(Monitor.TryEnter(_app.Sync));
                Monitor.Exit(_app.Sync);
                var dabbler = new RecordingSink();
                new HttpDispatcher(_app, new FakeAssets(), 4, 1024).Serve(new WebRequest { Path = "/getDashDataWS" }, _context, _gate, dabbler);
                Assert.Equal(200, dabbler.Code);

                var reading = new WebRequest { Method = "GET", Path = "/api/v1/reading", Authorization = "Bearer token-token-token-123" };
                Assert.Null(ApiTokenGate.Check(reading, _app));

                Assert.Equal(200, Send("GET", "/api/v1/session").Status);
                Assert.Equal(200, Send("GET", "/api/v1/settings", cookie: cookie).Status);

                // At most one check at a time: another login is turned away at once, holding nothing.
                WebResponse second = Send("POST", "/api/v1/login", "password=" + Password, csrf: LoginToken(), client: "10.3.0.2");
                Assert.Equal(503, second.Status);
                Assert.Equal(1, second.RetryAfterS);
            });
            await probes.WaitAsync(TimeSpan.FromSeconds(10)); // TimeoutException: a request waited behind the password check
        }
        finally
        {
            _hmac.Release.Set();
            login.Join();
        }

        Assert.Equal(401, blockedLogin!.Status);
        _clock.Advance(LoginThrottle.MaxDelayMs);
        Assert.Equal(200, Send("POST", "/api/v1/login", "password=" + Password, csrf: LoginToken(), client: "10.3.0.2").Status);
    }

    [Fact]
    public async Task Anonymous_session_GETs_neither_evict_a_pending_login_token_nor_take_the_web_lock()
    {
        Setup();
        string token = LoginToken();
        using var held = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holder = new Thread(() =>
        {
            lock (_app.Sync)
            {
                held.Set();
                release.Wait();
            }
        });
        holder.Start();
        held.Wait();
        try
        {
            Task flood = Task.Run(() =>
            {
                for (int i = 0; i < 100; i++)
                {
                    Assert.Equal(200, Send("GET", "/api/v1/session", client: "198.51.100." + i).Status);
                    Assert.Equal(200, Send("HEAD", "/api/v1/session").Status);
                }
            });
            await flood.WaitAsync(TimeSpan.FromSeconds(10)); // TimeoutException: anonymous session GETs waited for the web lock
        }
        finally
        {
            release.Set();
            holder.Join();
        }

        _clock.Advance(LoginNonces.LifetimeMs - 1);
        Assert.Equal(200, Send("POST", "/api/v1/login", "password=" + Password, csrf: token).Status);
    }

    [Fact]
    public void An_expired_or_forged_login_token_is_refused()
    {
        Setup();
        string token = LoginToken();
        _clock.Advance(LoginNonces.LifetimeMs + 1);
        Assert.Equal(403, Send("POST", "/api/v1/login", "password=" + Password, csrf: token).Status);

        string fresh = LoginToken();
        char last = fresh[^1] == 'A' ? 'B' : 'A';
        foreach (string forged in new[] { fresh.Substring(0, fresh.Length - 1) + last, "A" + fresh, new string('A', fresh.Length), fresh + "==", "" })
        {
            Assert.Equal(403, Send("POST", "/api/v1/login", "password=" + Password, csrf: forged).Status);
        }

        // A token from another module (or an earlier run of this one) carries another key.
        var elsewhere = new LoginNonces(_hmac, new ConstantRandom(0x5A));
        Assert.Equal(403, Send("POST", "/api/v1/login", "password=" + Password, csrf: elsewhere.Issue(_clock.NowMs)).Status);
        Assert.Equal(200, Send("POST", "/api/v1/login", "password=" + Password, csrf: fresh).Status);
    }

    [Fact]
    public void The_bearer_scheme_is_case_insensitive()
    {
        var (cookie, csrf) = Setup();
        Assert.Equal(200, Send("POST", "/api/v1/settings", "require_api_token=1&api_token=token-token-token-123", cookie: cookie, csrf: csrf).Status);
        foreach (string scheme in new[] { "Bearer", "bearer", "BEARER", "bEaReR" })
        {
            Assert.Null(ApiTokenGate.Check(new WebRequest { Path = "/api/v1/reading", Authorization = scheme + " token-token-token-123" }, _app));
        }

        Assert.NotNull(ApiTokenGate.Check(new WebRequest { Path = "/api/v1/reading", Authorization = "Basic token-token-token-123" }, _app));
        Assert.NotNull(ApiTokenGate.Check(new WebRequest { Path = "/api/v1/reading", Authorization = "bearer token-token-token-124" }, _app));
    }

    [Fact]
    public void The_setup_code_is_accepted_in_any_letter_case()
    {
        _app.SetupCode = "C0DE1234AB";
        WebResponse r = Send("POST", "/api/v1/setup", "password=" + Password + "&password_confirm=" + Password + "&setup_code=+c0de1234ab+", csrf: LoginToken());
        Assert.Equal(200, r.Status);
    }

    [Fact]
    public void Before_login_the_session_shows_neither_the_machine_nor_its_listen_address()
    {
        JsonElement anonymous = Json(Send("GET", "/api/v1/session"));
        Assert.False(anonymous.TryGetProperty("network", out _));
        Assert.False(anonymous.TryGetProperty("hostname", out _));
        Assert.Equal("linux", anonymous.GetProperty("platform").GetString()); // the UI needs it before login

        var (cookie, _) = Setup();
        JsonElement mine = Json(Send("GET", "/api/v1/session", cookie: cookie));
        Assert.Equal("test", mine.GetProperty("network").GetProperty("kind").GetString());
        Assert.Equal("esp32-mep", mine.GetProperty("hostname").GetString());
    }
}
