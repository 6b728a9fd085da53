using NesMep.Core.Link;
using NesMep.Core.Optical;
using NesMep.Core.Tables;
using NesMep.Simulator;
using NesMep.Simulator.Optical;
using Xunit;

namespace NesMep.Core.Tests.Optical;

/// <summary>The C12.18 client session against the simulated meter's optical port (reference §13).</summary>
public class C1218LinkTests
{
    [Theory]
    [InlineData("MK", OpticalAccess.Full)]
    [InlineData("PK", OpticalAccess.Full)]
    [InlineData("RK", OpticalAccess.ReadOnly)]
    public void A_session_with_any_of_the_three_keys_reads_the_same_tables_as_MEP(string which, OpticalAccess access)
    {
        byte[] key = which == "MK" ? OpticalRig.Mk : which == "PK" ? OpticalRig.Pk : OpticalRig.Rk;
        var rig = new OpticalRig(key);
        byte[] bt01 = rig.ReadFull(TableIds.BT01);
        Assert.Equal(rig.Meter.ReadTable(TableIds.BT01), bt01);
        Assert.Equal(C1218KeyState.Accepted, rig.Link.KeyState);
        Assert.Equal(access, rig.Port.Access);
        Assert.Null(rig.Link.KeyProblem);
        byte[] bt21 = rig.ReadFull(TableIds.BT21);
        Assert.Equal(rig.Meter.ReadTable(TableIds.BT21), bt21);
        Assert.Equal(1, rig.Link.Counters.Sessions);
        Assert.Equal(C1218Phase.Open, rig.Link.Phase);
        // Negotiated down to what the meter agrees to (256 bytes, 4 packets) from the offered 512 × 2.
        Assert.Equal(256, rig.Link.PacketSize);
        Assert.Equal(2, rig.Link.PacketsPerMessage);
    }

    [Fact]
    public void The_first_frame_is_naked_while_a_shared_uart_switches_over_and_mep_goes_unanswered_until_the_session_ends()
    {
        var rig = new OpticalRig(OpticalRig.Mk);
        rig.ReadFull(TableIds.BT00);
        Assert.Equal(LinkResult.Ok, rig.Link.LastResult);
        Assert.Equal(1, rig.Port.Stats.SwitchOverNaks);
        Assert.Equal(1, rig.Link.Counters.NaksReceived);
        Assert.True(rig.Port.HoldsUart);

        // MEP during the optical session: nothing is answered (§2.1).
        long ignoredBefore = rig.Meter.Stats.BytesIgnored;
        var mepRead = new byte[] { 0x00, 0x11, 0x30, 0x00, 0x01, 0x02, 0x00, 0, 0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8 };
        rig.Meter.ReceiveFromClient(mepRead, 0, mepRead.Length);
        Assert.Equal(ignoredBefore + mepRead.Length, rig.Meter.Stats.BytesIgnored);

        rig.Link.Close();
        rig.Idle(2000);
        Assert.Equal(C1218Phase.Closed, rig.Link.Phase);
        Assert.False(rig.Port.HoldsUart);
        Assert.Equal(OpticalSessionState.Base, rig.Port.SessionState);
    }

    [Fact]
    public void A_gen4_meter_has_its_own_optical_uart_and_naks_nothing()
    {
        var rig = new OpticalRig(OpticalRig.Mk, meterOptions: new SimulatorOptions { Profile = MeterProfile.Gen4() });
        rig.ReadFull(TableIds.BT01);
        Assert.Equal(0, rig.Port.Stats.SwitchOverNaks);
        Assert.False(rig.Port.HoldsUart);
    }

    [Fact]
    public void Without_a_key_bt00_bt01_and_et03_read_and_the_rest_says_why_it_is_missing()
    {
        var rig = new OpticalRig(null);
        Assert.Equal(rig.Meter.ReadTable(TableIds.BT00), rig.ReadFull(TableIds.BT00));
        Assert.Equal(rig.Meter.ReadTable(TableIds.BT01), rig.ReadFull(TableIds.BT01));
        Assert.Equal(rig.Meter.ReadTable(TableIds.ET03), rig.ReadFull(TableIds.ET03));
        Assert.Equal(C1218KeyState.NoKey, rig.Link.KeyState);

        rig.Link.SubmitPartialRead(TableIds.BT23, 0, 16);
        rig.Complete();
        Assert.Equal(LinkResult.MeterError, rig.Link.LastResult);
        Assert.Equal(C1218Codes.InsufficientSecurity, rig.Link.LastResponseCode);
        Assert.Contains("no optical key is set", rig.Link.LastError);
        Assert.Equal("isc", C1218Codes.ResponseName(rig.Link.LastResponseCode));
    }

    [Fact]
    public void A_wrong_key_is_refused_the_session_carries_on_and_the_error_names_the_key()
    {
        var rig = new OpticalRig(OpticalRig.Key("not-the-key-at-all!!"));
        Assert.Equal(rig.Meter.ReadTable(TableIds.BT01), rig.ReadFull(TableIds.BT01));
        Assert.Equal(C1218KeyState.Refused, rig.Link.KeyState);
        rig.Link.SubmitFullRead(TableIds.BT21);
        rig.Complete();
        Assert.Equal(LinkResult.MeterError, rig.Link.LastResult);
        Assert.Contains("refused the optical key", rig.Link.LastError);
        Assert.DoesNotContain(rig.Log.Lines, l => l.Contains("not-the-key"));
    }

    [Fact]
    public void A_reply_larger_than_one_packet_comes_in_several_and_is_joined()
    {
        var rig = new OpticalRig(OpticalRig.Mk, o => { o.MaxPacketSize = 64; o.MaxPackets = 8; },
            settings: new C1218LinkSettings { PacketSize = 512, MaxPackets = 8 });
        byte[] bt01 = rig.ReadFull(TableIds.BT01);
        Assert.Equal(64, rig.Link.PacketSize);
        Assert.Equal(rig.Meter.ReadTable(TableIds.BT01), bt01);
        int before = rig.Port.Stats.ReplyPacketsSent;
        byte[] part = rig.ReadPartial(TableIds.BT23, 0, 150);
        Assert.Equal(150, part.Length);
        Assert.True(rig.Port.Stats.ReplyPacketsSent - before >= 3);
        Assert.Equal(LinkResult.Ok, rig.Link.LastResult);
    }

    [Fact]
    public void A_read_that_does_not_fit_the_negotiated_packets_is_refused_by_name()
    {
        var rig = new OpticalRig(OpticalRig.Mk, o => { o.MaxPacketSize = 64; o.MaxPackets = 1; });
        rig.ReadFull(TableIds.BT00);
        Assert.Equal(52, rig.Link.MaxReadData);
        rig.Link.SubmitPartialRead(TableIds.BT23, 0, 52);
        rig.Complete();
        Assert.Equal(LinkResult.Ok, rig.Link.LastResult);
        rig.Link.SubmitFullRead(TableIds.ET04);
        rig.Complete();
        Assert.Equal(LinkResult.MeterError, rig.Link.LastResult);
        Assert.Equal("onp", C1218Codes.ResponseName(rig.Link.LastResponseCode));
    }

    [Fact]
    public void An_idle_session_is_kept_open_with_wait_and_the_next_read_needs_no_new_session()
    {
        var rig = new OpticalRig(OpticalRig.Mk);
        rig.ReadFull(TableIds.BT01);
        rig.Idle(20000);
        Assert.True(rig.Link.Counters.KeepAlives >= 4);
        Assert.Equal(0, rig.Port.Stats.SessionTimeouts);
        rig.ReadFull(TableIds.BT00);
        Assert.Equal(LinkResult.Ok, rig.Link.LastResult);
        Assert.Equal(1, rig.Link.Counters.Sessions);
    }

    [Fact]
    public void After_the_meter_timed_the_session_out_the_link_starts_a_fresh_one()
    {
        // Keep-alive slower than the meter's traffic timeout: the meter ends the session in between.
        var rig = new OpticalRig(OpticalRig.Mk, settings: new C1218LinkSettings { KeepAliveAfterMs = 60000 });
        rig.ReadFull(TableIds.BT01);
        rig.Idle(10000);
        Assert.Equal(1, rig.Port.Stats.SessionTimeouts);
        byte[] bt00 = rig.ReadFull(TableIds.BT00);
        Assert.Equal(rig.Meter.ReadTable(TableIds.BT00), bt00);
        Assert.Equal(2, rig.Link.Counters.Sessions);
        Assert.Equal(2, rig.Port.Stats.SwitchOverNaks);
    }

    [Fact]
    public void Corrupted_replies_are_naked_and_resent_and_never_decoded()
    {
        var rig = new OpticalRig(OpticalRig.Mk);
        rig.ReadFull(TableIds.BT01);
        byte[] expected = rig.Meter.ReadTable(TableIds.BT01)!;
        for (int i = 0; i < 20; i++)
        {
            rig.Port.Faults.CorruptNextReplies(1);
            byte[] got = rig.ReadFull(TableIds.BT01);
            Assert.Equal(LinkResult.Ok, rig.Link.LastResult);
            Assert.Equal(expected, got);
        }

        Assert.True(rig.Link.Counters.NaksSent + rig.Link.Counters.Timeouts >= 15);
        Assert.True(rig.Port.Stats.ReplyResends >= 15);
    }

    [Fact]
    public void Dropped_late_and_duplicated_replies_and_noise_still_give_exact_tables()
    {
        var rig = new OpticalRig(OpticalRig.Mk);
        byte[] expected = rig.Meter.ReadTable(TableIds.BT01)!;
        rig.Port.Faults.DropNextReplies(2);
        Assert.Equal(expected, rig.ReadFull(TableIds.BT01));
        rig.Port.Faults.DelayNextReplies(1, 700);
        Assert.Equal(expected, rig.ReadFull(TableIds.BT01));
        rig.Port.Faults.DuplicateNextReplies(3);
        Assert.Equal(expected, rig.ReadFull(TableIds.BT01));
        Assert.Equal(expected, rig.ReadFull(TableIds.BT01));
        rig.Port.Faults.InjectNoise(new byte[] { 0x00, 0xEE, 0x06, 0x15, 0x42 });
        rig.Idle(5);
        Assert.Equal(expected, rig.ReadFull(TableIds.BT01));
        rig.Port.Faults.LoseByteOfNextReplies(2);
        Assert.Equal(expected, rig.ReadFull(TableIds.BT01));
        Assert.True(rig.Link.Counters.DuplicatePackets >= 1);
    }

    [Fact]
    public void A_cut_line_fails_the_read_by_name_and_the_link_recovers_with_a_fresh_session()
    {
        var rig = new OpticalRig(OpticalRig.Mk);
        rig.ReadFull(TableIds.BT01);
        rig.Port.Faults.CutLink(true);
        rig.Link.SubmitFullRead(TableIds.BT01);
        rig.Complete(60000);
        Assert.Equal(LinkResult.Abandoned, rig.Link.LastResult);
        Assert.NotNull(rig.Link.LastError);
        rig.Port.Faults.CutLink(false);
        rig.Idle(7000);
        Assert.Equal(rig.Meter.ReadTable(TableIds.BT01), rig.ReadFull(TableIds.BT01));
        Assert.True(rig.Link.Counters.Sessions >= 2);
    }

    [Fact]
    public void Under_realistic_faults_every_read_that_completes_ok_has_exactly_the_meters_bytes()
    {
        var faults = new FaultOptions { Seed = 99 }.ApplyRealistic();
        faults.ByteCorruptionRate = 0.002;
        faults.ByteLossRate = 0.001;
        var rig = new OpticalRig(OpticalRig.Rk, o => o.Faults = faults);
        byte[] expected = rig.Meter.ReadTable(TableIds.BT01)!;
        int ok = 0;
        for (int i = 0; i < 300; i++)
        {
            rig.Link.SubmitFullRead(TableIds.BT01);
            rig.Complete(60000);
            if (rig.Link.LastResult == LinkResult.Ok)
            {
                ok++;
                Assert.Equal(expected, rig.Data());
            }

            rig.Idle(50);
        }

        Assert.True(ok >= 290, ok + " of 300 reads ok");
    }
}
