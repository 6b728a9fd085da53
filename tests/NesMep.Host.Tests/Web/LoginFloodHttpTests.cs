using System.Net;
using Xunit;

namespace NesMep.Host.Tests.Web;

/// <summary>
/// Logins against the real Kestrel front end while a password check is held in progress: Home
/// Assistant's document, the token-protected API and the UI's session endpoint keep answering,
/// and further logins are turned away at once instead of holding server threads.
/// </summary>
[Collection("EndToEnd")]
public class LoginFloodHttpTests
{
    private const string ApiToken = "token-token-token-123";

    [Fact]
    public async Task While_a_password_check_runs_open_data_and_the_token_API_answer_and_other_logins_are_turned_away()
    {
        var hmac = new BlockingHmac("blocking-guess");
        await using WebHttp web = await WebHttp.StartAsync(hmac: hmac);
        await web.SetupAsync();
        Assert.Equal(HttpStatusCode.OK, (await web.PostAsync("api/v1/settings", new Dictionary<string, string> { ["require_api_token"] = "1", ["api_token"] = ApiToken })).Status);
        web.Cookie = null;
        await web.RefreshTokenAsync();

        Task<HttpResponseMessage> held = web.Client.SendAsync(Login("blocking-guess", web.Csrf!));
        Assert.True(await Task.Run(() => hmac.Entered.Wait(TimeSpan.FromSeconds(10))), "the login never reached its password check");
        try
        {
            // 16 more logins at once: each answered 503 with Retry-After, none waits for the running check.
            HttpResponseMessage[] flood = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => web.Client.SendAsync(Login("guess", web.Csrf!))));
            Assert.All(flood, r => Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode));
            Assert.All(flood, r => Assert.Equal(TimeSpan.FromSeconds(1), r.Headers.RetryAfter?.Delta));

            Assert.True(Monitor.TryEnter(web.Host.Web.Sync), "the web lock is held during the password check");
            Monitor.Exit(web.Host.Web.Sync);
            Assert.Equal(HttpStatusCode.OK, (await web.Client.GetAsync("getDashDataWS")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await web.GetAsync("api/v1/reading", bearer: ApiToken)).Status);
            Assert.Equal(HttpStatusCode.OK, (await web.GetAsync("api/v1/session")).Status);
        }
        finally
        {
            hmac.Release.Set();
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await held).StatusCode);
    }

    [Fact]
    public async Task The_token_scheme_is_case_insensitive_and_the_anonymous_session_names_no_machine()
    {
        await using WebHttp web = await WebHttp.StartAsync();
        var (_, anonymous, _) = await web.GetAsync("api/v1/session");
        string text = anonymous.GetRawText();
        Assert.False(anonymous.TryGetProperty("network", out _));
        Assert.DoesNotContain(Environment.MachineName, text);
        Assert.DoesNotContain(web.Client.BaseAddress!.Authority, text);

        await web.SetupAsync();
        Assert.Equal(HttpStatusCode.OK, (await web.PostAsync("api/v1/settings", new Dictionary<string, string> { ["require_api_token"] = "1", ["api_token"] = ApiToken })).Status);
        var (_, mine, _) = await web.GetAsync("api/v1/session");
        Assert.Equal(Environment.MachineName, mine.GetProperty("network").GetProperty("machine").GetString());

        foreach (string scheme in new[] { "bearer", "BEARER" })
        {
            var req = new HttpRequestMessage(HttpMethod.Get, "api/v1/reading");
            req.Headers.TryAddWithoutValidation("Authorization", scheme + " " + ApiToken);
            Assert.Equal(HttpStatusCode.OK, (await web.Client.SendAsync(req)).StatusCode);
        }
    }

    private static HttpRequestMessage Login(string password, string csrf)
    {
        var req = new HttpRequestMessage(HttpMethod.Post, "api/v1/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["password"] = password }),
        };
        req.Headers.Add("X-CSRF-Token", csrf);
        return req;
    }
}
