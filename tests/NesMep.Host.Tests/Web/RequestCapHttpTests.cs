using System.Net;
using NesMep.Core.Web;
using Xunit;

namespace NesMep.Host.Tests.Web;

/// <summary>
/// The core dispatcher's request cap on the wire: requests held behind the meter lock fill the
/// slots, the next one is answered 503 with Retry-After at once, UI files still go out, and the held ones complete.
/// </summary>
[Collection("EndToEnd")]
public class RequestCapHttpTests
{
    [Fact]
    public async Task Beyond_the_cap_Kestrel_answers_503_with_Retry_After_and_serves_again_once_slots_free()
    {
        await using WebHttp web = await WebHttp.StartAsync();
        object gate = web.Host.Runtime.Gate;
        Task<HttpResponseMessage>[] held;
        HttpResponseMessage busy;
        using var locked = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holder = new Thread(() =>
        {
            lock (gate)
            {
                locked.Set();
                release.Wait();
            }
        });
        holder.Start();
        locked.Wait();
        try
        {
            // All slots but the last, which is kept for the data API: a web UI request finds no slot.
            held = Enumerable.Range(0, HttpDispatcher.DefaultMaxRequests - 1).Select(_ => web.Client.GetAsync("metrics")).ToArray();

            // The held requests take their slots as Kestrel hands them over; wait until all are taken.
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            do
            {
                busy = await web.Client.GetAsync("api/v1/session", cts.Token);
            }
            while (busy.StatusCode == HttpStatusCode.OK);

            // UI files need no slot: a page loads while every slot is taken.
            Assert.Equal(HttpStatusCode.OK, (await web.Client.GetAsync("index.html", cts.Token)).StatusCode);
        }
        finally
        {
            release.Set();
            holder.Join();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(HttpDispatcher.BusyRetryS), busy.Headers.RetryAfter?.Delta);
        Assert.Equal("no-store", busy.Headers.CacheControl?.ToString());
        Assert.Contains("busy", await busy.Content.ReadAsStringAsync());

        foreach (HttpResponseMessage r in await Task.WhenAll(held).WaitAsync(TimeSpan.FromSeconds(20)))
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.StartsWith("# HELP", await r.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.OK, (await web.Client.GetAsync("api/v1/session")).StatusCode);
    }
}
