#nullable enable
using NesMep.Core.Web;
using Xunit;

namespace NesMep.Core.Tests.Web;

public class SessionStoreTests
{
    private readonly SessionStore _store = new(new CountingRandom());

    [Fact]
    public void Sessions_have_distinct_random_ids_and_csrf_tokens()
    {
        Session a = _store.Create(0);
        Session b = _store.Create(0);
        Assert.NotEqual(a.Id, b.Id);
        Assert.NotEqual(a.Id, a.CsrfToken);
        Assert.Equal(43, a.Id.Length); // 256 bits, base64url
        Assert.Matches("^[A-Za-z0-9_-]+$", a.Id);
        Assert.Same(a, _store.Find(a.Id, 1));
        Assert.Null(_store.Find(a.Id + "x", 1));
        Assert.Null(_store.Find(a.CsrfToken, 1));
        Assert.Null(_store.Find("", 1));
        Assert.Null(_store.Find("bad id; with spaces", 1));
    }

    [Fact]
    public void Idle_and_old_sessions_expire()
    {
        Session a = _store.Create(0);
        Assert.NotNull(_store.Find(a.Id, SessionStore.IdleLimitMs));
        Assert.Null(_store.Find(a.Id, 2 * SessionStore.IdleLimitMs + 1));

        Session b = _store.Create(0);
        for (long t = 0; t <= SessionStore.AgeLimitMs; t += SessionStore.IdleLimitMs / 2)
        {
            Assert.NotNull(_store.Find(b.Id, t));
        }

        Assert.Null(_store.Find(b.Id, SessionStore.AgeLimitMs + 1));
    }

    [Fact]
    public void A_full_store_drops_the_least_recently_used_session()
    {
        var sessions = new List<Session>();
        for (int i = 0; i < SessionStore.Capacity; i++)
        {
            sessions.Add(_store.Create(i));
        }

        _store.Find(sessions[0].Id, 100); // used recently
        Session extra = _store.Create(101);
        Assert.NotNull(_store.Find(sessions[0].Id, 102));
        Assert.Null(_store.Find(sessions[1].Id, 102));
        Assert.NotNull(_store.Find(extra.Id, 102));
        Assert.Equal(SessionStore.Capacity, _store.LiveCount(102));
    }

    [Fact]
    public void Remove_all_except_keeps_only_the_given_session()
    {
        Session a = _store.Create(0);
        Session b = _store.Create(0);
        _store.RemoveAllExcept(b);
        Assert.Null(_store.Find(a.Id, 1));
        Assert.Same(b, _store.Find(b.Id, 1));
    }
}

public class LoginThrottleTests
{
    private readonly LoginThrottle _t = new();

    [Fact]
    public void Each_wrong_password_doubles_the_wait()
    {
        long now = 0;
        var delays = new List<long>();
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(0, _t.WaitMs("10.0.0.9", now));
            delays.Add(_t.Failure("10.0.0.9", now));
            Assert.Equal(delays[^1], _t.WaitMs("10.0.0.9", now));
            now += delays[^1];
        }

        Assert.Equal(new long[] { 1000, 2000, 4000, 8000, 16000, 32000 }, delays);
        Assert.Equal(6, _t.Failures("10.0.0.9", now));
    }

    [Fact]
    public void The_wait_is_capped_and_per_client()
    {
        Assert.Equal(LoginThrottle.MaxDelayMs, LoginThrottle.DelayFor(30));
        Assert.Equal(LoginThrottle.MaxDelayMs, LoginThrottle.DelayFor(int.MaxValue));
        _t.Failure("a", 0);
        Assert.True(_t.WaitMs("a", 0) > 0);
        Assert.Equal(0, _t.WaitMs("b", 0));
    }

    [Fact]
    public void Success_or_an_hour_of_quiet_forgets_the_failures()
    {
        _t.Failure("a", 0);
        _t.Failure("a", 2000);
        _t.Success("a", 2001);
        Assert.Equal(0, _t.Failures("a", 2001));

        _t.Failure("b", 0);
        _t.Failure("b", 2000);
        Assert.Equal(2, _t.Failures("b", 2001));
        Assert.Equal(0, _t.Failures("b", 2000 + LoginThrottle.ForgetAfterMs + 1));
        Assert.Equal(1000, _t.Failure("b", 2000 + LoginThrottle.ForgetAfterMs + 2));
    }

    [Fact]
    public void A_full_table_replaces_the_oldest_record()
    {
        for (int i = 0; i < LoginThrottle.Capacity + 1; i++)
        {
            _t.Failure("client" + i, i * 10);
        }

        Assert.Equal(0, _t.Failures("client0", 1000));
        Assert.Equal(1, _t.Failures("client" + LoginThrottle.Capacity, 1000));
    }
}

public class CheckBudgetTests
{
    [Fact]
    public void The_budget_gives_a_burst_then_one_try_per_refill_and_never_saves_up_more()
    {
        var b = new CheckBudget(3, 1000);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(0, b.WaitMs(0));
            b.Take(0);
        }

        Assert.Equal(1000, b.WaitMs(0));
        Assert.Equal(1, b.WaitMs(999));
        Assert.Equal(0, b.WaitMs(1000));
        b.Take(1000);
        Assert.Equal(1000, b.WaitMs(1000));

        // A long quiet time refills the burst, never more.
        Assert.Equal(0, b.WaitMs(100_000));
        for (int i = 0; i < 3; i++)
        {
            b.Take(100_000);
        }

        Assert.Equal(1000, b.WaitMs(100_000));
    }

    [Fact]
    public void Running_out_is_reported_once_per_quiet_period()
    {
        var b = new CheckBudget(1, 1000);
        Assert.False(b.JustExhausted(0, 60_000));
        b.Take(0);
        Assert.True(b.JustExhausted(0, 60_000));
        Assert.False(b.JustExhausted(10, 60_000));
        b.Take(1000);
        Assert.False(b.JustExhausted(1000, 60_000));
        b.Take(61_000);
        Assert.True(b.JustExhausted(61_000, 60_000));
    }

    [Fact]
    public void The_throttle_makes_every_client_wait_once_the_global_budget_is_spent()
    {
        var t = new LoginThrottle();
        for (int i = 0; i < LoginThrottle.GlobalBurst; i++)
        {
            t.Failure("client" + i, 0);
        }

        Assert.Equal(LoginThrottle.GlobalRefillMs, t.WaitMs("never-seen", 0));
        Assert.Equal(LoginThrottle.GlobalRefillMs - 1, t.WaitMs("client0", 1)); // the longer of its own wait and the global one
        Assert.Equal(0, t.WaitMs("never-seen", LoginThrottle.GlobalRefillMs));
    }
}

public class TrustedAddressTests
{
    [Fact]
    public void An_address_that_gave_the_right_password_skips_the_global_budget_for_a_while()
    {
        var t = new LoginThrottle();
        t.Success("owner", 0);
        long now = LoginThrottle.TrustForMs;
        for (int i = 0; i < LoginThrottle.GlobalBurst; i++)
        {
            t.Failure("attacker" + i, now);
        }

        Assert.True(t.WaitMs("stranger", now) > 0);
        Assert.Equal(0, t.WaitMs("owner", now));
        Assert.True(t.WaitMs("owner", now + 1) > 0, "trust lapses after TrustForMs");

        // Only a few addresses are remembered: the oldest makes room.
        for (int i = 0; i < LoginThrottle.TrustedCapacity; i++)
        {
            t.Success("user" + i, now + 2 + i);
        }

        Assert.True(t.IsTrusted("user0", now + 100));
        t.Success("one-more", now + 100);
        Assert.False(t.IsTrusted("user0", now + 100));
        Assert.True(t.IsTrusted("user1", now + 100));
        Assert.True(t.IsTrusted("one-more", now + 100));
    }
}

public class GuardTests
{
    [Theory]
    [InlineData("/api/v1/login?password=x")]
    [InlineData("/?pwd=x")]
    [InlineData("/api/v1/reading?token=abc")]
    [InlineData("/api/v1/settings?meter_key=ABC")]
    [InlineData("/x?MQTT_PASSWORD=1")]
    [InlineData("/x?a=1&api%5Ftoken=2")]
    [InlineData("/?csrf=1")]
    public void Secret_names_in_the_query_are_refused(string path)
    {
        WebResponse? r = SecretQueryGuard.Check(path);
        Assert.NotNull(r);
        Assert.Equal(400, r!.Status);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/metrics?x=1")]
    [InlineData("/login.html?next=%2Fconfig.html")]
    [InlineData("/api/v1/reading")]
    public void Other_queries_pass(string path) => Assert.Null(SecretQueryGuard.Check(path));

    [Fact]
    public void Cookie_header_parsing_and_flags()
    {
        Assert.Equal("abc", Cookies.Get("x=1; nesmep_sid=abc; y=2", Cookies.SessionName));
        Assert.Null(Cookies.Get("x=1", Cookies.SessionName));
        Assert.Null(Cookies.Get(null!, Cookies.SessionName));
        string c = Cookies.SessionCookie("id", false);
        Assert.Contains("HttpOnly", c);
        Assert.Contains("SameSite=Strict", c);
        Assert.Contains("Path=/", c);
        Assert.DoesNotContain("Secure", c);
        Assert.Contains("; Secure", Cookies.SessionCookie("id", true));
    }

    [Theory]
    [InlineData("/", "index.html")]
    [InlineData("/status.html", "status.html")]
    [InlineData("/app.js?v=1", "app.js")]
    [InlineData("/../etc/passwd", null)]
    [InlineData("/a/b.html", null)]
    [InlineData("/README.md", null)]
    [InlineData("/x.gz", null)]
    [InlineData("/..", null)]
    [InlineData("//etc/passwd", null)]
    [InlineData("/.nesmep.json", null)] // hidden files (settings, temp files) are never UI files
    [InlineData("/.settings.json.tmp-1", null)]
    [InlineData("/%2e%2e%2fsettings.json", null)] // left encoded by a host that does not decode
    [InlineData("/..%2fsettings.json", null)]
    [InlineData("/C:settings.json", null)]
    [InlineData("/I:\\settings.json", null)]
    [InlineData("/index.html\0.txt", null)]
    [InlineData("/index.html%00", null)]
    public void UI_file_names(string path, string? file) => Assert.Equal(file, WebHeaders.FileFor(path));
}
