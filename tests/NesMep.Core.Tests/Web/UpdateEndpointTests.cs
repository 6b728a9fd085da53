#nullable enable
using System.Text.Json;
using NesMep.Core.Api;
using NesMep.Core.Json;
using NesMep.Core.Lifecycle;
using NesMep.Core.Mqtt;
using NesMep.Core.Tests.Lifecycle;
using NesMep.Core.Tests.Support;
using NesMep.Core.Web;
using Xunit;

namespace NesMep.Core.Tests.Web;

/// <summary>A body the host has not read: hands out at most what is asked and records how the pack grew meanwhile.</summary>
internal sealed class StreamedBody(byte[] data, Func<long> packLength) : IRequestBody
{
    private int _at;

    public int LargestRead { get; private set; }

    public List<long> PackLengths { get; } = new();

    public int Read(byte[] buffer, int offset, int count)
    {
        PackLengths.Add(packLength());
        LargestRead = Math.Max(LargestRead, count);
        int n = Math.Min(count, data.Length - _at);
        Array.Copy(data, _at, buffer, offset, n);
        _at += n;
        return n;
    }
}

public partial class WebRouterTests
{
    private TestDevice Device()
    {
        var d = TestDevice.Start(new FlakyFlash());
        _app.Lifecycle = d.Life;
        _platform.Platform = "esp32";
        return d;
    }

    private WebResponse PostUpdate(byte[] file, string? cookie, string? csrf, string type = UpdateEndpoint.ContentType, StreamedBody? body = null, long? length = null)
    {
        var r = new WebRequest
        {
            Method = "POST",
            Path = RouteTable.UpdatePath,
            Cookie = cookie,
            CsrfToken = csrf,
            ContentType = type,
            BodySource = body ?? new StreamedBody(file, () => 0),
            ContentLength = length ?? file.Length,
            Client = "10.0.0.5",
        };
        Assert.True(RouteTable.StreamsBody(r.Method, r.Path));
        return WebRouter.Handle(r, _app, _gate, _context)!;
    }

    [Fact]
    public void The_update_endpoint_is_absent_on_a_host_without_the_device_lifecycle()
    {
        var (cookie, csrf) = Setup();
        WebResponse r = PostUpdate(UpdateFile.Build("1", UpdateFile.SampleSet("a")), cookie, csrf);
        Assert.Equal(404, r.Status);
        Assert.Contains("only available on the device (platform linux)", r.Body);
        Assert.Equal(404, Send("GET", RouteTable.UpdatePath, cookie: cookie).Status);
        Assert.False(RouteTable.StreamsBody("GET", RouteTable.UpdatePath));
        Assert.False(RouteTable.StreamsBody("POST", "/api/v1/settings"));
    }

    [Fact]
    public void An_upload_needs_a_login_the_CSRF_token_and_the_raw_body_type()
    {
        TestDevice d = Device();
        var (cookie, csrf) = Setup();
        byte[] file = UpdateFile.Build("1", UpdateFile.SampleSet("a"));
        Assert.Equal(401, PostUpdate(file, null, null).Status);
        Assert.Equal(403, PostUpdate(file, cookie, null).Status);
        Assert.Equal(403, PostUpdate(file, cookie, LoginToken()).Status);
        Assert.Equal(415, PostUpdate(file, cookie, csrf, "multipart/form-data").Status);
        Assert.Equal(401, Send("GET", RouteTable.UpdatePath).Status);
        Assert.Equal(405, Send("PUT", RouteTable.UpdatePath, cookie: cookie).Status);
        Assert.Equal(0, d.Updates.State.Pending); // nothing was staged by any of them
    }

    [Fact]
    public void An_upload_streams_to_flash_as_it_arrives_then_the_module_reboots_into_the_trial()
    {
        TestDevice d = Device();
        var (cookie, csrf) = Setup();
        var set = UpdateFile.SampleSet("b");
        byte[] file = UpdateFile.Build("0.4.0", set);
        string pack = d.Updates.Files.PackPath(UpdateState.SlotA);
        var body = new StreamedBody(file, () => d.Flash.Length(pack));

        WebResponse r = PostUpdate(file, cookie, csrf, body: body);
        Assert.Equal(200, r.Status);
        JsonElement j = Json(r);
        Assert.True(j.GetProperty("staged").GetBoolean());
        Assert.Equal("0.4.0", j.GetProperty("version").GetString());
        Assert.Equal(3, j.GetProperty("files").GetInt32());

        // Read in chunks no larger than the endpoint's buffer, and the pack grew between the reads.
        Assert.Equal(UpdateEndpoint.ChunkBytes, body.LargestRead);
        Assert.True(body.PackLengths.Count > 5);
        Assert.True(body.PackLengths.Distinct().Count() > 3, "the pack did not grow while the body was read");

        d.Clock.Advance(LifecycleLimits.RebootDelayMs);
        Assert.Equal(LifecycleAction.Reboot, d.Life.Tick());
        Assert.Contains(_log.Lines, l => l.Contains("staged in set a"));

        d = TestDevice.Start(d.Flash);
        _app.Lifecycle = d.Life;
        JsonElement s = Json(Send("GET", RouteTable.UpdatePath, cookie: cookie));
        Assert.Equal("a", s.GetProperty("set").GetString());
        Assert.Equal("0.4.0", s.GetProperty("version").GetString());
        Assert.True(s.GetProperty("on_trial").GetBoolean());
        Assert.Equal(1, s.GetProperty("trial_boots").GetInt32());

        // During the trial a new upload is refused with 409, and says why.
        WebResponse again = PostUpdate(file, cookie, csrf);
        Assert.Equal(409, again.Status);
        Assert.Contains("still on trial", again.Body);
    }

    [Fact]
    public void Refusals_carry_the_receivers_status_and_reason()
    {
        Device();
        var (cookie, csrf) = Setup();
        byte[] file = UpdateFile.Build("1", UpdateFile.SampleSet("c"));
        Assert.Equal(413, PostUpdate(file, cookie, csrf, length: LifecycleLimits.MaxUploadBytes + 1).Status);
        Assert.Equal(411, PostUpdate(file, cookie, csrf, length: -1).Status);
        file[^1] ^= 1;
        WebResponse bad = PostUpdate(file, cookie, csrf);
        Assert.Equal(400, bad.Status);
        Assert.Contains("does not match the manifest", bad.Body);
    }

    [Fact]
    public void A_full_drive_mid_upload_answers_500_and_leaves_no_half_set()
    {
        TestDevice d = Device();
        var (cookie, csrf) = Setup();
        d.Flash.FileLimit = 2000;
        WebResponse r = PostUpdate(UpdateFile.Build("1", UpdateFile.SampleSet("d")), cookie, csrf);
        Assert.Equal(500, r.Status);
        Assert.Contains("no space left on I:", r.Body);
        Assert.False(d.Flash.Exists(d.Updates.Files.PackPath(UpdateState.SlotA)));
        Assert.False(d.Flash.Exists(d.Updates.Files.ManifestPath(UpdateState.SlotA)));
        Assert.Equal(0, d.Updates.State.Staging);
        d.Flash.FileLimit = long.MaxValue;
        Assert.Equal(200, PostUpdate(UpdateFile.Build("1", UpdateFile.SampleSet("d")), cookie, csrf).Status); // not stuck as busy
    }

    [Fact]
    public void Status_and_MQTT_diagnostics_show_the_last_reboot_on_the_device_only()
    {
        var w = new JsonWriter();
        StatusJson.Write(_context, w);
        Assert.False(JsonDocument.Parse(w.ToString()).RootElement.TryGetProperty("boot", out _)); // Linux: absent
        Assert.DoesNotContain("reboot_reason", MqttPayloads.Diagnostics(_context, _clock.NowMs, null, VirtualClock.Epoch));

        var flash = new FlakyFlash();
        TestDevice.Start(flash).Life.RequestReboot(BootReason.Watchdog, "web thread silent for 121 s (limit 120 s)", 0);
        _context.Info.Boot = TestDevice.Start(flash).Life.Records;

        w = new JsonWriter();
        StatusJson.Write(_context, w);
        JsonElement boot = JsonDocument.Parse(w.ToString()).RootElement.GetProperty("boot");
        Assert.Equal("watchdog", boot.GetProperty("last").GetProperty("reason").GetString());
        Assert.Equal(2, boot.GetProperty("history").GetArrayLength());

        JsonElement diag = JsonDocument.Parse(MqttPayloads.Diagnostics(_context, _clock.NowMs, null, VirtualClock.Epoch)).RootElement;
        Assert.Equal("watchdog", diag.GetProperty("reboot_reason").GetString());
        Assert.Equal("web thread silent for 121 s (limit 120 s)", diag.GetProperty("reboot_detail").GetString());
    }
}
