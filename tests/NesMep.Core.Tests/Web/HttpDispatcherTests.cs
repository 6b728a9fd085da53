#nullable enable
using System.Text;
using NesMep.Core.Api;
using NesMep.Core.Json;
using NesMep.Core.Web;
using Xunit;

namespace NesMep.Core.Tests.Web;

/// <summary>The core's HTTP dispatcher on a scripted meter and virtual time, through a recording sink.</summary>
public partial class WebRouterTests
{
    private readonly FakeAssets _assets = new();

    private HttpDispatcher NewDispatcher(int maxRequests = 4, int chunkBytes = 1024) => new(_app, _assets, maxRequests, chunkBytes);

    private RecordingSink Dispatch(string method, string path, string? cookie = null, string? bearer = null, string? acceptEncoding = null,
        string? ifNoneMatch = null, HttpDispatcher? dispatcher = null, string body = "", string? csrf = null)
    {
        var sink = new RecordingSink();
        var request = new WebRequest
        {
            Method = method,
            Path = path,
            Cookie = cookie,
            Authorization = bearer == null ? null : "Bearer " + bearer,
            AcceptEncoding = acceptEncoding,
            IfNoneMatch = ifNoneMatch,
            Body = body,
            CsrfToken = csrf,
            ContentType = body.Length > 0 ? "application/x-www-form-urlencoded" : null,
            Client = "10.0.0.9",
        };
        (dispatcher ?? NewDispatcher()).Serve(request, _context, _gate, sink);
        return sink;
    }

    private static string FirstMethod(Route route) => route.Allow!.Split(", ")[0];

    [Fact]
    public void Every_route_of_the_table_answers_its_methods_and_refuses_others_with_405_and_Allow()
    {
        var (cookie, _) = Setup();
        // The captive probes are unknown off the access point (ProvisioningWebTests covers them).
        foreach (Route route in RouteTable.All.Where(r => r.Allow != null && r.Handler != RouteTable.CaptiveProbe))
        {
            RecordingSink refused = Dispatch("DELETE", route.Path, cookie: cookie);
            Assert.True(refused.Code == 405, route.Path + " → " + refused.Code);
            Assert.Equal(route.Allow, refused.Header("Allow"));

            RecordingSink allowed = Dispatch(FirstMethod(route), route.Path, cookie: cookie);
            Assert.True(allowed.Code is not 404 and not 405, route.Path + " → " + allowed.Code);
        }

        // The data API keeps its documented wording (docs/api.md); the UI's endpoints theirs.
        Assert.Equal("{\"error\":\"only GET and HEAD are allowed on /metrics\"}", Dispatch("POST", "/metrics").Body);
        Assert.Equal("{\"error\":\"only POST allowed on /api/v1/login\"}", Dispatch("GET", "/api/v1/login").Body);
    }

    [Fact]
    public void Login_and_token_columns_of_the_table_are_what_the_dispatcher_enforces()
    {
        var (cookie, csrf) = Setup();
        Assert.Equal(200, Send("POST", "/api/v1/settings", "require_api_token=1&api_token=token-token-token-123", cookie: cookie, csrf: csrf).Status);
        foreach (Route route in RouteTable.All.Where(r => r.Handler != RouteTable.Update))
        {
            string method = FirstMethod(route);
            RecordingSink anonymous = Dispatch(method, route.Path);
            if (route.Login || route.TokenProtected)
            {
                Assert.True(anonymous.Code == 401, route.Path + " → " + anonymous.Code);
            }
            else
            {
                Assert.True(anonymous.Code != 401, route.Path + " → 401");
            }

            Assert.Equal(route.TokenProtected, anonymous.Header("WWW-Authenticate") != null);
            if (route.TokenProtected)
            {
                Assert.Equal(200, Dispatch(method, route.Path, bearer: "token-token-token-123").Code);
                Assert.True(ApiTokenGate.IsProtected(route.Path));
            }
        }

        Assert.False(ApiTokenGate.IsProtected("/getDashDataWS"));
        Assert.False(ApiTokenGate.IsProtected("/index.html"));
    }

    [Fact]
    public async Task Only_routes_that_read_meter_state_wait_for_the_meter_lock()
    {
        var (cookie, _) = Setup();
        _assets.Files["index.html"] = new WebAsset(Encoding.UTF8.GetBytes("<p>ui</p>"), null, WebHeaders.Html, "abc");
        using var held = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holder = new Thread(() =>
        {
            lock (_gate)
            {
                held.Set();
                release.Wait();
            }
        });
        holder.Start();
        held.Wait();
        Task<RecordingSink> waiting;
        try
        {
            var free = Task.Run(() =>
            {
                foreach (Route route in RouteTable.All.Where(r => !r.ReadsMeter))
                {
                    Dispatch(route.Allow == null ? "POST" : FirstMethod(route), route.Path, cookie: cookie);
                }

                Assert.Equal(200, Dispatch("GET", "/").Code);
                Assert.Equal(404, Dispatch("GET", "/nothing.js").Code);
                Assert.Equal(200, Dispatch("HEAD", "/metrics").Code); // HEAD renders no body, so it needs no lock
            });
            await free.WaitAsync(TimeSpan.FromSeconds(10)); // TimeoutException: a route that reads no meter state waited for the meter lock

            waiting = Task.Run(() => Dispatch("GET", "/getDashDataWS"));
            await Task.WhenAny(waiting, Task.Delay(200));
            Assert.False(waiting.IsCompleted, "a meter route rendered without the meter lock");
        }
        finally
        {
            release.Set();
            holder.Join();
        }

        Assert.Equal(200, (await waiting.WaitAsync(TimeSpan.FromSeconds(10))).Code);
    }

    [Theory]
    [InlineData(RouteTable.Dabbler, "/getDashDataWS")]
    [InlineData(RouteTable.Reading, "/api/v1/reading")]
    [InlineData(RouteTable.Info, "/api/v1/info")]
    [InlineData(RouteTable.Status, "/api/v1/status")]
    [InlineData(RouteTable.Metrics, "/metrics")]
    public void A_body_goes_out_in_chunks_no_larger_than_the_buffer_with_the_bytes_of_the_string_view(int handler, string path)
    {
        Setup();
        RunMeter(15_000);
        HttpDispatcher dispatcher = NewDispatcher(chunkBytes: 256);
        RecordingSink sink = Dispatch("GET", path, dispatcher: dispatcher);

        Assert.Equal(200, sink.Code);
        Assert.Equal(Encoding.UTF8.GetBytes(ApiRouter.Render(handler, _context)), sink.BodyBytes);
        Assert.True(sink.BodyBytes.Length > 512, "too small a body to show chunking: " + sink.BodyBytes.Length);
        Assert.All(sink.Chunks, c => Assert.InRange(c.Length, 1, 256));
        Assert.True(sink.Chunks.Count >= sink.BodyBytes.Length / 256);
        Assert.All(dispatcher.Slots, s => Assert.InRange(s.Body.PeakBytes, 0, 256));
        Assert.Equal(
            new[] { "Content-Type", "Cache-Control", "X-Content-Type-Options", "Referrer-Policy" },
            sink.Headers.Select(h => h.Key));
        Assert.Equal(ApiRouter.ContentType(handler), sink.Header("Content-Type"));
        Assert.Equal("no-store", sink.Header("Cache-Control"));

        RecordingSink head = Dispatch("HEAD", path);
        Assert.Equal(200, head.Code);
        Assert.Empty(head.Chunks);
    }

    [Fact]
    public void Beyond_the_cap_a_request_gets_503_with_Retry_After_and_a_freed_slot_serves_again()
    {
        HttpDispatcher dispatcher = NewDispatcher(maxRequests: 2);
        var data = new WebRequest { Path = "/getDashDataWS" };
        RequestSlot a = dispatcher.TryAcquire(data)!;
        RequestSlot b = dispatcher.TryAcquire(data)!;
        Assert.NotSame(a, b);
        Assert.Null(dispatcher.TryAcquire(data));

        RecordingSink busy = Dispatch("GET", "/getDashDataWS", dispatcher: dispatcher);
        Assert.Equal(503, busy.Code);
        Assert.Equal("1", busy.Header("Retry-After"));
        Assert.Equal("no-store", busy.Header("Cache-Control"));
        Assert.Equal("{\"error\":\"busy: 2 requests are in progress; try again in 1 s\"}", busy.Body);

        dispatcher.Release(a);
        Assert.Equal(200, Dispatch("GET", "/getDashDataWS", dispatcher: dispatcher).Code);
        Assert.Same(a, dispatcher.TryAcquire(data)); // slots are reused, not reallocated
    }

    [Fact]
    public void The_last_free_slot_is_kept_for_the_data_API_and_UI_files_need_none()
    {
        _assets.Files["app.js"] = new WebAsset(Encoding.UTF8.GetBytes("let x = 1;"), null, "text/javascript; charset=utf-8", "77");
        HttpDispatcher dispatcher = NewDispatcher(maxRequests: 3);
        var session = new WebRequest { Path = "/api/v1/session" };
        Assert.NotNull(dispatcher.TryAcquire(session));
        Assert.NotNull(dispatcher.TryAcquire(session));
        Assert.Null(dispatcher.TryAcquire(session)); // a login flood cannot take the last slot…
        Assert.Equal(503, Dispatch("GET", "/api/v1/session", dispatcher: dispatcher).Code);
        Assert.Equal(200, Dispatch("GET", "/metrics", dispatcher: dispatcher).Code); // …Home Assistant's poll gets it

        Assert.NotNull(dispatcher.TryAcquire(new WebRequest { Path = "/api/v1/status" }));
        Assert.Equal(503, Dispatch("GET", "/metrics", dispatcher: dispatcher).Code);
        RecordingSink file = Dispatch("GET", "/app.js?v=2", dispatcher: dispatcher); // every slot taken, files still go out
        Assert.Equal(200, file.Code);
        Assert.Equal("let x = 1;", file.Body);
        Assert.Equal(400, Dispatch("GET", "/app.js?token=1", dispatcher: NewDispatcher()).Code);
    }

    [Fact]
    public void UI_files_are_gzip_when_accepted_304_when_unchanged_and_carry_the_page_policy()
    {
        byte[] raw = Encoding.UTF8.GetBytes(new string('x', 3000));
        byte[] gz = { 0x1f, 0x8b, 1, 2, 3 };
        _assets.Files["index.html"] = new WebAsset(raw, gz, WebHeaders.Html, "0123abcd");
        _assets.Files["app.css"] = new WebAsset(raw, null, "text/css; charset=utf-8", "feed");

        RecordingSink zipped = Dispatch("GET", "/", acceptEncoding: "br, GZIP ; q=0.5");
        Assert.Equal(200, zipped.Code);
        Assert.Equal(gz, zipped.BodyBytes);
        Assert.Equal("gzip", zipped.Header("Content-Encoding"));
        Assert.Equal("\"0123abcd-gz\"", zipped.Header("ETag"));
        Assert.Equal("5", zipped.Header("Content-Length"));
        Assert.Equal("no-cache", zipped.Header("Cache-Control"));
        Assert.Equal("Accept-Encoding", zipped.Header("Vary"));
        Assert.Equal(WebHeaders.ContentSecurityPolicy, zipped.Header("Content-Security-Policy"));
        Assert.Equal("DENY", zipped.Header("X-Frame-Options"));
        Assert.Equal("nosniff", zipped.Header("X-Content-Type-Options"));

        foreach (string refused in new[] { "gzip;q=0", "gzip; q=0.000", "deflate", "gzipx" })
        {
            RecordingSink plain = Dispatch("GET", "/index.html", acceptEncoding: refused);
            Assert.Equal(raw, plain.BodyBytes);
            Assert.Null(plain.Header("Content-Encoding"));
            Assert.Equal("\"0123abcd\"", plain.Header("ETag"));
            Assert.All(plain.Chunks, c => Assert.InRange(c.Length, 1, 1024));
        }

        RecordingSink notModified = Dispatch("GET", "/index.html", acceptEncoding: "gzip", ifNoneMatch: "\"other\", \"0123abcd-gz\"");
        Assert.Equal(304, notModified.Code);
        Assert.Empty(notModified.Chunks);
        Assert.Null(notModified.Header("Content-Type"));
        Assert.Equal("\"0123abcd-gz\"", notModified.Header("ETag"));
        Assert.Equal(200, Dispatch("GET", "/index.html", ifNoneMatch: "\"0123abcd-gz\"").Code); // other entity without gzip

        RecordingSink head = Dispatch("HEAD", "/app.css", acceptEncoding: "gzip");
        Assert.Equal("3000", head.Header("Content-Length"));
        Assert.Empty(head.Chunks);
        Assert.Equal("GET, HEAD", Dispatch("POST", "/app.css").Header("Allow"));
        Assert.Equal(404, Dispatch("GET", "/../app.css").Code);
        Assert.Equal(404, Dispatch("GET", "/.hidden.css").Code);
    }

    [Fact]
    public void Without_UI_files_the_root_is_the_landing_page_and_refusals_come_before_routing()
    {
        RecordingSink landing = Dispatch("GET", "/");
        Assert.Equal(LandingPage.Html, landing.Body);
        Assert.Equal(WebHeaders.Html, landing.Header("Content-Type"));
        Assert.Equal(WebHeaders.ContentSecurityPolicy, landing.Header("Content-Security-Policy"));

        Assert.Equal("{\"error\":\"no such resource: /nope\"}", Dispatch("GET", "/nope?x=1").Body);
        Assert.Equal(400, Dispatch("GET", "/metrics?api_key=1").Code);

        var sink = new RecordingSink();
        NewDispatcher().Serve(new WebRequest { Method = "POST", Path = "/api/v1/login", BodyTooLarge = true }, _context, _gate, sink);
        Assert.Equal(413, sink.Code);
        Assert.Equal("{\"error\":\"request body too large\"}", sink.Body);
    }

    [Fact]
    public void Body_text_is_the_same_UTF8_as_the_runtime_encoder_across_chunk_boundaries()
    {
        string[] samples =
        {
            "ascii", "æøå € ", "\U0001F600 meter", new string('é', 200) + "\U0001F50C" + new string('z', 90), "lone \ud83d high", "lone \ude00 low", "end \ud83d",
        };
        foreach (string text in samples)
        {
            for (int shift = 0; shift < 20; shift++)
            {
                var sink = new RecordingSink();
                var body = new BodyWriter(16);
                body.Begin(sink);
                body.Append(new string('-', shift)).Append(text);
                foreach (char c in text)
                {
                    body.Append(c);
                }

                body.Flush();
                string expected = new string('-', shift) + text + text;
                Assert.Equal(Encoding.UTF8.GetBytes(expected), sink.BodyBytes);
                Assert.All(sink.Chunks, c => Assert.InRange(c.Length, 1, 16));
                Assert.Equal(sink.BodyBytes.Length, body.Written);
            }
        }
    }

    [Fact]
    public void A_JSON_writer_over_a_body_writes_the_same_document_as_over_a_string()
    {
        var sink = new RecordingSink();
        var body = new BodyWriter(32);
        body.Begin(sink);
        var streamed = new JsonWriter(body);
        var text = new JsonWriter();
        foreach (JsonWriter w in new[] { streamed, text })
        {
            w.BeginObject().Property("name", "Mødule \U0001F600 \"x\"").Name("n").Fixed(-12345, 3).Name("a").BeginArray().Number(1).Null().EndArray().EndObject();
        }

        body.Flush();
        Assert.Equal(text.ToString(), sink.Body);
    }
}
