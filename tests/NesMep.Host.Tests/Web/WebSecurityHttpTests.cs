using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using NesMep.Core.Platform;
using NesMep.Host.Service;
using Xunit;

namespace NesMep.Host.Tests.Web;

/// <summary>
/// The security rules of the web UI over real HTTP against the running service (no browser):
/// authentication and CSRF, cookie flags, login slow-down, secrets never sent back or put in
/// URLs or logs, field-level validation with nothing saved, the API token, static file serving.
/// </summary>
[Collection("EndToEnd")]
public class WebSecurityHttpTests
{
    private static Dictionary<string, string> Form(params string[] pairs)
    {
        var d = new Dictionary<string, string>();
        for (int i = 0; i < pairs.Length; i += 2)
        {
            d[pairs[i]] = pairs[i + 1];
        }

        return d;
    }

    [Fact]
    public async Task Changes_need_a_session_and_its_CSRF_token_and_the_cookie_is_locked_down()
    {
        await using WebHttp web = await WebHttp.StartAsync();

        // Before the first password nothing protected is usable.
        var (status, json, _) = await web.GetAsync("api/v1/settings");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.True(json.GetProperty("setup_required").GetBoolean());

        HttpResponseMessage setup = await web.SetupAsync();
        string cookie = setup.Headers.GetValues("Set-Cookie").Single();
        Assert.Matches("^nesmep_sid=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict$", cookie); // no Secure on plain http
        Assert.Equal("no-store", setup.Headers.CacheControl?.ToString());

        // No session: 401. Session without CSRF token, or with a wrong one: 403. Nothing saved.
        string before = File.ReadAllText(HostConfig.SavedPathFor(web.SettingsFile)!);
        Assert.Equal(HttpStatusCode.Unauthorized, (await web.PostAsync("api/v1/settings", Form("hostname", "x1"), withCookie: false)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await web.PostAsync("api/v1/settings", Form("hostname", "x2"), withCsrf: false)).Status);
        string csrf = web.Csrf!;
        web.Csrf = csrf.Substring(1) + "A";
        Assert.Equal(HttpStatusCode.Forbidden, (await web.PostAsync("api/v1/settings", Form("hostname", "x3"))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await web.PostAsync("api/v1/console/read", Form("table", "BT01"), withCookie: false)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await web.PostAsync("api/v1/console/read", Form("table", "BT01"), withCsrf: false)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await web.PostAsync("api/v1/logout", Form(), withCsrf: false)).Status);
        Assert.Equal(before, File.ReadAllText(HostConfig.SavedPathFor(web.SettingsFile)!));

        web.Csrf = csrf;
        Assert.Equal(HttpStatusCode.OK, (await web.PostAsync("api/v1/settings", Form("hostname", "x4"))).Status);
        Assert.Contains("\nweb.hostname=x4\n", File.ReadAllText(HostConfig.SavedPathFor(web.SettingsFile)!));

        // Login and setup need the login token too (no cross-site login).
        Assert.Equal(HttpStatusCode.Forbidden, (await web.PostAsync("api/v1/login", Form("password", WebHttp.Password), withCookie: false, withCsrf: false)).Status);

        // Logout ends the session on the server.
        var (outStatus, _, outResp) = await web.PostAsync("api/v1/logout", Form());
        Assert.Equal(HttpStatusCode.OK, outStatus);
        Assert.Contains("Max-Age=0", outResp.Headers.GetValues("Set-Cookie").Single());
        Assert.Equal(HttpStatusCode.Unauthorized, (await web.GetAsync("api/v1/settings")).Status);
    }

    [Fact]
    public async Task Reachable_from_the_network_the_first_password_needs_the_setup_code_from_a_private_file()
    {
        await using WebHttp web = await WebHttp.StartAsync(c => c.Web.RequireSetupCode = true);
        string file = Path.Combine(web.StateDir, "setup-code");
        Assert.Equal(file, web.Host.SetupCodeFile);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        string code = File.ReadAllText(file).Trim();
        Assert.Matches("^[0-9A-F]{10}$", code);
        Assert.Contains("setup code in " + file, web.Running.Log);
        Assert.DoesNotContain(code, web.Running.Log);

        var (_, session, _) = await web.GetAsync("api/v1/session");
        Assert.True(session.GetProperty("setup_code_required").GetBoolean());
        await web.RefreshTokenAsync();
        var (status, json, _) = await web.PostAsync("api/v1/setup", Form("password", WebHttp.Password, "password_confirm", WebHttp.Password));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("setup_code", json.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.False(File.Exists(web.SettingsFile));
        Assert.False(File.Exists(HostConfig.SavedPathFor(web.SettingsFile)));

        await Task.Delay(1100); // one wrong code: one second of slow-down
        await web.RefreshTokenAsync();
        Assert.Equal(HttpStatusCode.OK, (await web.PostAsync("api/v1/setup", Form("password", WebHttp.Password, "password_confirm", WebHttp.Password, "setup_code", code))).Status);
        Assert.False(File.Exists(file));
        Assert.Null(web.Host.SetupCodeFile);
    }

    [Fact]
    public async Task The_setup_code_exists_before_the_port_accepts_connections()
    {
        // Issued after the server started, a network client could set the first password without
        // the code in between. The log line naming the file is written when the code is issued:
        // at that moment nothing may be listening yet.
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }

        string dir = Directory.CreateTempSubdirectory("nesmep-web-").FullName;
        var log = new ProbingLog(port);
        var config = new HostConfig { HttpListen = "127.0.0.1:" + port, SettingsPath = Path.Combine(dir, "nesmep.json"), PasswordIterations = 20_000 };
        config.Web.RequireSetupCode = true;
        try
        {
            await using (ModuleHost host = await ModuleHost.StartAsync(config, log, CancellationToken.None))
            {
                Assert.NotNull(host.SetupCodeFile);
                Assert.True(log.Probed, "no setup code was issued");
                Assert.False(log.AcceptedBeforeCode, "the HTTP port accepted connections before the setup code existed");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task The_slow_down_keys_on_the_connection_address_never_on_forwarding_headers()
    {
        await using WebHttp web = await WebHttp.StartAsync();
        await web.SetupAsync();
        web.Cookie = null;
        await web.RefreshTokenAsync();
        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 3; i++)
        {
            // A client that claims another address each time is still the same client.
            var req = new HttpRequestMessage(HttpMethod.Post, "api/v1/login") { Content = new FormUrlEncodedContent(Form("password", "guess-" + i)) };
            req.Headers.Add("X-CSRF-Token", web.Csrf);
            req.Headers.Add("X-Forwarded-For", "203.0.113." + i);
            req.Headers.Add("X-Real-IP", "203.0.113." + i);
            req.Headers.Add("Forwarded", "for=203.0.113." + i);
            statuses.Add((await web.Client.SendAsync(req)).StatusCode);
        }

        Assert.Equal(new[] { HttpStatusCode.Unauthorized, (HttpStatusCode)429, (HttpStatusCode)429 }, statuses);
        Assert.Contains("wrong password from 127.0.0.1 (1 in a row)", web.Running.Log);
        Assert.DoesNotContain("203.0.113.", web.Running.Log);
    }

    [Fact]
    public async Task Open_data_and_UI_files_never_wait_behind_the_web_lock()
    {
        // A login hashes its password for a noticeable time under WebApp.Sync; Home Assistant's
        // document, the open API and the UI files must keep answering meanwhile.
        await using WebHttp web = await WebHttp.StartAsync();
        using var held = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holder = new Thread(() =>
        {
            lock (web.Host.Web.Sync)
            {
                held.Set();
                release.Wait();
            }
        });
        holder.Start();
        held.Wait();
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            foreach (string path in new[] { "getDashDataWS", "api/v1/reading", "metrics", "index.html", "app.js" })
            {
                HttpResponseMessage r = await web.Client.GetAsync(path, cts.Token);
                Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            }
        }
        finally
        {
            release.Set();
            holder.Join();
        }
    }

    [Fact]
    public async Task Wrong_passwords_make_the_client_wait_longer_each_time()
    {
        await using WebHttp web = await WebHttp.StartAsync();
        await web.SetupAsync();
        web.Cookie = null;
        var waits = new List<int>();
        for (int i = 0; i < 3; i++)
        {
            await web.RefreshTokenAsync();
            var (status, json, _) = await web.PostAsync("api/v1/login", Form("password", "guess-" + i));
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            waits.Add(json.GetProperty("retry_after_s").GetInt32());

            // During the wait even the right password is refused, with Retry-After.
            var (blocked, _, resp) = await web.PostAsync("api/v1/login", Form("password", WebHttp.Password));
            Assert.Equal((HttpStatusCode)429, blocked);
            Assert.Equal(waits[^1], (int)resp.Headers.RetryAfter!.Delta!.Value.TotalSeconds);
            await Task.Delay(waits[^1] * 1000 + 150);
        }

        Assert.Equal(new[] { 1, 2, 4 }, waits);
        await Task.Delay(4000 - 3 * 150);
        await web.RefreshTokenAsync();
        Assert.Equal(HttpStatusCode.OK, (await web.PostAsync("api/v1/login", Form("password", WebHttp.Password))).Status);
        Assert.Contains("wrong password from 127.0.0.1 (3 in a row)", web.Running.Log);
    }

    [Fact]
    public async Task Secrets_never_come_back_in_any_GET_never_travel_in_URLs_and_never_reach_the_log()
    {
        const string key = "Sim-Key-For-Tests-01";
        const string mqttPassword = "mqtt-pw-never-shown";
        const string apiToken = "api-token-never-shown-123";
        const string newPassword = "second-web-password";
        await using WebHttp web = await WebHttp.StartAsync();
        await web.SetupAsync();
        var (status, json, _) = await web.PostAsync("api/v1/settings", Form(
            "meter_key", key, "mqtt_enabled", "1", "mqtt_host", "127.0.0.1", "mqtt_port", "1", "mqtt_user", "u", "mqtt_password", mqttPassword,
            "api_token", apiToken, "web_password", newPassword, "web_password_confirm", newPassword, "current_password", WebHttp.Password));
        Assert.True(status == HttpStatusCode.OK, json.ToString());
        await web.Host.PendingRestart;

        // Secrets in a query string are refused on every path, before routing.
        foreach (string path in new[] { "api/v1/login?password=x", "?pwd=x", "api/v1/reading?token=" + apiToken, "config.html?meter_key=abc", "getDashDataWS?api_token=1" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await web.GetAsync(path)).Status);
        }

        await web.Running.WaitForLinkUpAsync();
        string[] paths =
        [
            "", "index.html", "status.html", "config.html", "console.html", "log.html", "update.html", "login.html", "app.js", "config.js",
            "api/v1/session", "api/v1/settings", "api/v1/logs", "api/v1/console", "api/v1/status", "api/v1/info", "api/v1/reading",
            "getDashDataWS", "metrics",
        ];
        string settingsFile = File.ReadAllText(HostConfig.SavedPathFor(web.SettingsFile)!);
        string passwordHash = settingsFile.Split('\n').Single(l => l.StartsWith("web.password_hash=")).Substring("web.password_hash=".Length);
        foreach (string path in paths)
        {
            var (s, _, resp) = await web.GetAsync(path);
            Assert.True(s == HttpStatusCode.OK, path + " → " + s);
            string body = await resp.Content.ReadAsStringAsync();
            foreach (string secret in new[] { key, mqttPassword, apiToken, newPassword, WebHttp.Password, passwordHash.Split('$')[3], "pbkdf2" })
            {
                Assert.False(body.Contains(secret, StringComparison.Ordinal), path + " contains a secret");
            }
        }

        string view = await (await web.GetAsync("api/v1/settings")).Response.Content.ReadAsStringAsync();
        Assert.Contains("\"meter_key_set\":true,\"meter_key_form\":\"20 ASCII characters\"", view);
        foreach (string secret in new[] { key, mqttPassword, apiToken, newPassword, WebHttp.Password })
        {
            Assert.DoesNotContain(secret, web.Running.Log);
        }

        // The stored file keeps what the module needs in clear and only hashes of the web secrets.
        Assert.Contains(key, settingsFile);
        Assert.Contains(mqttPassword, settingsFile);
        Assert.DoesNotContain(apiToken, settingsFile);
        Assert.DoesNotContain(newPassword, settingsFile);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(HostConfig.SavedPathFor(web.SettingsFile)!));
    }

    [Fact]
    public async Task Invalid_settings_get_field_messages_and_nothing_is_saved()
    {
        await using WebHttp web = await WebHttp.StartAsync();
        await web.SetupAsync();
        string before = File.ReadAllText(HostConfig.SavedPathFor(web.SettingsFile)!);
        var (status, json, _) = await web.PostAsync("api/v1/settings", Form(
            "hostname", "fine-name", "meter_key", "0123", "poll_power_ms", "10", "mqtt_enabled", "1", "mqtt_host", "",
            "mqtt_interval_s", "x", "web_password", "abc", "web_password_confirm", "abd", "wifi_ssid", "home"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("nothing was saved", json.GetProperty("error").GetString());
        var errors = json.GetProperty("errors").EnumerateArray().ToDictionary(e => e.GetProperty("field").GetString()!, e => e.GetProperty("message").GetString()!);
        Assert.Contains("20 characters exactly as printed", errors["meter_key"]);
        Assert.Equal("must be 200..3600000 ms", errors["poll_power_ms"]);
        Assert.Contains("whole number", errors["mqtt_interval_s"]);
        Assert.Contains("at least 8", errors["web_password"]);
        Assert.Contains("does not match", errors["web_password_confirm"]);
        Assert.Contains("current password", errors["current_password"]);
        Assert.Contains("no Wi-Fi", errors["wifi_ssid"]);
        Assert.False(errors.ContainsKey("hostname"));
        Assert.Equal(before, File.ReadAllText(HostConfig.SavedPathFor(web.SettingsFile)!));
        Assert.Equal("esp32-mep", (await web.GetAsync("api/v1/settings")).Json.GetProperty("hostname").GetString());
        Assert.Equal(0, web.Host.Generation);
    }

    [Fact]
    public async Task Saved_settings_restart_the_meter_side_without_losing_the_web_session()
    {
        await using WebHttp web = await WebHttp.StartAsync();
        await web.SetupAsync();
        await web.Running.WaitForLinkUpAsync();
        var (status, json, _) = await web.PostAsync("api/v1/settings", Form("poll_power_ms", "1700", "hostname", "new-host", "meter_key", "00112233445566778899AABBCCDDEEFF"));
        Assert.True(status == HttpStatusCode.OK, json.ToString());
        Assert.True(json.GetProperty("restarting").GetBoolean());
        await web.Host.PendingRestart;
        Assert.Equal(1, web.Host.Generation);
        await web.Running.WaitForLinkUpAsync();
        string statusBody = await web.Running.Client.GetStringAsync("api/v1/status");
        Assert.Contains("\"interval_ms\":1700", statusBody);
        Assert.Contains("\"hostname\":\"new-host\"", await web.Running.Client.GetStringAsync("api/v1/info"));
        Assert.Equal(HttpStatusCode.OK, (await web.GetAsync("api/v1/settings")).Status);

        // The file the service would start from next time says the same.
        var loaded = new HostConfig();
        HostConfigFile.LoadFiles(web.SettingsFile, loaded, required: false);
        Assert.Equal(1700, loaded.Poll.PowerIntervalMs);
        Assert.Equal("00112233445566778899AABBCCDDEEFF", loaded.Key);
        Assert.Equal("new-host", loaded.Web.Hostname);
        Assert.DoesNotContain("ERROR", web.Running.Log);
    }

    [Fact]
    public async Task The_optional_API_token_guards_api_v1_but_not_the_Home_Assistant_document()
    {
        const string token = "a-long-random-api-token-1";
        await using WebHttp web = await WebHttp.StartAsync();
        await web.SetupAsync();
        Assert.Equal(HttpStatusCode.OK, (await web.PostAsync("api/v1/settings", Form("require_api_token", "1", "api_token", token))).Status);
        string session = web.Cookie!;
        web.Cookie = null;
        foreach (string path in new[] { "api/v1/reading", "api/v1/info", "api/v1/status" })
        {
            var (denied, _, resp) = await web.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, denied);
            Assert.Equal("Bearer", resp.Headers.WwwAuthenticate.Single().Scheme);
            Assert.Equal(HttpStatusCode.Unauthorized, (await web.GetAsync(path, bearer: "wrong-token-wrong-token")).Status);
            Assert.Equal(HttpStatusCode.OK, (await web.GetAsync(path, bearer: token)).Status);
            Assert.Equal(HttpStatusCode.OK, (await web.GetAsync(path, cookie: session)).Status);
        }

        foreach (string open in new[] { "getDashDataWS", "metrics", "api/v1/session", "", "status.html" })
        {
            Assert.Equal(HttpStatusCode.OK, (await web.GetAsync(open)).Status);
        }
    }

    [Fact]
    public async Task UI_files_are_served_gzip_with_revalidation_and_a_strict_policy()
    {
        await using WebHttp web = await WebHttp.StartAsync();
        var req = new HttpRequestMessage(HttpMethod.Get, "");
        req.Headers.AcceptEncoding.ParseAdd("gzip, deflate");
        HttpResponseMessage gz = await web.Client.SendAsync(req);
        Assert.Equal(HttpStatusCode.OK, gz.StatusCode);
        Assert.Equal("gzip", gz.Content.Headers.ContentEncoding.Single());
        Assert.Equal("text/html", gz.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-cache", gz.Headers.CacheControl!.ToString());
        Assert.Contains("Accept-Encoding", gz.Headers.Vary);
        Assert.Contains("default-src 'self'", gz.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", gz.Headers.GetValues("X-Content-Type-Options").Single());
        byte[] compressed = await gz.Content.ReadAsByteArrayAsync();
        using (var unzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress))
        using (var reader = new StreamReader(unzip))
        {
            string html = reader.ReadToEnd();
            Assert.Contains("<title>NesMep · Dashboard</title>", html);
            Assert.Contains("/getDashDataWS", html);
        }

        // Unchanged: 304 without a body.
        var again = new HttpRequestMessage(HttpMethod.Get, "index.html");
        again.Headers.AcceptEncoding.ParseAdd("gzip");
        again.Headers.IfNoneMatch.ParseAdd(gz.Headers.ETag!.ToString());
        HttpResponseMessage notModified = await web.Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        // Without gzip in Accept-Encoding: plain bytes, another ETag.
        HttpResponseMessage plain = await web.Client.GetAsync("app.css");
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal("text/css", plain.Content.Headers.ContentType!.MediaType);
        Assert.NotEqual(gz.Headers.ETag, plain.Headers.ETag);
        Assert.Equal("text/javascript", (await web.Client.GetAsync("dash.js")).Content.Headers.ContentType!.MediaType);
        Assert.Equal("image/svg+xml", (await web.Client.GetAsync("icon.svg")).Content.Headers.ContentType!.MediaType);

        // Only UI files: no traversal, no README, unknown names are the JSON 404.
        foreach (string path in new[]
                 {
                     "README.md", "..%2FNesMep.Linux.slnf", "nesmep.json", "webui/index.html", "%2e%2e/%2e%2e/etc/passwd", "..%2f..%2fetc%2fpasswd",
                     "%2Fetc%2Fpasswd", ".nesmep.json", "index.html%00.txt", "%5C..%5Capp.js",
                 })
        {
            HttpResponseMessage missing = await web.Client.GetAsync(path);
            if (path.Contains("%00", StringComparison.Ordinal) && missing.StatusCode == HttpStatusCode.BadRequest)
            {
                continue; // Kestrel itself refuses a NUL in the path
            }

            Assert.True(missing.StatusCode == HttpStatusCode.NotFound, path + " → " + missing.StatusCode);
            Assert.Equal("nosniff", missing.Headers.GetValues("X-Content-Type-Options").Single());
        }

        Assert.Equal("nosniff", (await web.Client.GetAsync("getDashDataWS")).Headers.GetValues("X-Content-Type-Options").Single());

        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await web.Client.PostAsync("index.html", new StringContent(""))).StatusCode);
    }

    /// <summary>On the line that announces the setup code, tries to connect to the service's port.</summary>
    private sealed class ProbingLog(int port) : ILog
    {
        public bool Probed { get; private set; }

        public bool AcceptedBeforeCode { get; private set; }

        public bool IsEnabled(LogLevel level) => true;

        public void Write(LogLevel level, string message)
        {
            if (!message.Contains("setup code in", StringComparison.Ordinal))
            {
                return;
            }

            Probed = true;
            using var client = new TcpClient();
            try
            {
                client.Connect(IPAddress.Loopback, port);
                AcceptedBeforeCode = true;
            }
            catch (SocketException)
            {
                // Refused: nothing listens yet.
            }
        }
    }
}
