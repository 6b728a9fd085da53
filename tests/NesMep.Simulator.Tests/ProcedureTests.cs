using NesMep.Core.Protocol;
using NesMep.Simulator.Tests.Support;
using Xunit;

namespace NesMep.Simulator.Tests;

/// <summary>BT07 procedure calls and where their results are posted (§3.6, §3.7, §5.16).</summary>
public class ProcedureTests
{
    private static readonly MepKey Mbk = MepKey.Parse("`!Vp2;,qDoU2BlLS2tPH");

    private static MeterHarness NewHarness(bool mbk = true)
    {
        var h = new MeterHarness(new SimulatorOptions { Mbk = Mbk, InitialSequence = 500 });
        if (mbk)
        {
            h.UseKey(Mbk);
        }

        return h;
    }

    private static Reply Call(MeterHarness h, int procedure, byte psn, params byte[] parameters)
    {
        h.Clock.Advance(150);
        return h.Exchange(MeterHarness.Procedure(procedure, psn, parameters))!;
    }

    [Fact]
    public void Repeated_psn_gets_0x04_and_is_not_executed()
    {
        MeterHarness h = NewHarness();
        Assert.Equal(MepCodes.Ok, Call(h, ProcedureIds.EP61, 5, 1).Code);

        Reply again = Call(h, ProcedureIds.EP61, 5, 0);

        Assert.Equal(MepCodes.OperationNotPossible, again.Code);
        Assert.Single(h.Meter.ProcedureLog);
        Assert.Equal(MepCodes.Ok, Call(h, ProcedureIds.EP61, 6, 0).Code);
        Assert.Equal(2, h.Meter.ProcedureLog.Count);
    }

    [Fact]
    public void Result_goes_to_BT08_when_ET50_bit_1_is_clear()
    {
        MeterHarness h = NewHarness();
        Call(h, ProcedureIds.EP17, 5, 0, 0xF8, 0x03);

        byte[] bt08 = h.Meter.ReadTable(MeterTableIds.BT08)!;
        Assert.Equal(new byte[] { 0x11, 0x08, 5, 0 }, bt08[..4]);
        Assert.Equal(new byte[16], h.Meter.ReadTable(MeterTableIds.ET59));
        Assert.Equal(MeterTableIds.BT08, h.Meter.ProcedureLog[0].ResultTable);
    }

    [Fact]
    public void Result_goes_to_ET59_when_ET50_bit_1_is_set()
    {
        MeterHarness h = NewHarness();
        h.Exchange(MeterHarness.PartialWrite(MeterTableIds.ET50, 30, MeterTables.Et50Registered | MeterTables.Et50UseEt59));

        Call(h, ProcedureIds.EP17, 6, 0, 0xF8, 0x03);

        byte[] et59 = h.Meter.ReadTable(MeterTableIds.ET59)!;
        Assert.Equal(new byte[] { 0x11, 0x08, 6, 0 }, et59[..4]);
        Assert.Equal(new byte[16], h.Meter.ReadTable(MeterTableIds.BT08));
        Assert.Equal(MeterTableIds.ET59, h.Meter.ProcedureLog[0].ResultTable);

        // Read back over the wire as a client would.
        h.Clock.Advance(150);
        Assert.Equal(et59, h.Exchange(MeterHarness.FullRead(MeterTableIds.ET59))!.Data);
    }

    [Fact]
    public void Mbk_calling_another_procedure_gets_result_5_no_authorization()
    {
        MeterHarness h = NewHarness();
        Reply r = Call(h, ProcedureIds.EP11, 7);

        Assert.Equal(MepCodes.Ok, r.Code); // the write itself succeeds
        Assert.Equal(ProcedureIds.ResultNoAuthorization, h.Meter.ReadTable(MeterTableIds.BT08)![3]);
        Assert.Equal(0, h.Meter.Stats.IdtBumps);
    }

    [Fact]
    public void Mak_calling_an_idt_procedure_bumps_idt_and_sequence_after_the_reply()
    {
        MeterHarness h = NewHarness(mbk: false);
        Reply r = Call(h, ProcedureIds.EP11, 7);
        Assert.Equal(MepCodes.Ok, r.Code);
        Assert.Equal(ProcedureIds.ResultCompleted, h.Meter.ReadTable(MeterTableIds.BT08)![3]);

        h.Clock.Advance(150);
        Reply next = h.Exchange(MeterHarness.PartialRead(MeterTableIds.ET04, 116, 1))!;
        Assert.Equal(MepCodes.InvalidSequenceNumber, next.Code);
        Assert.Equal(2, h.Meter.Tables.IdtVersion);
    }

    [Fact]
    public void Unknown_procedure_with_mak_gets_result_6()
    {
        MeterHarness h = NewHarness(mbk: false);
        Call(h, 2048 + 99, 5);
        Assert.Equal(ProcedureIds.ResultUnrecognized, h.Meter.ReadTable(MeterTableIds.BT08)![3]);
    }

    [Fact]
    public void EP39_type_12_clears_the_delta_data_alert_and_type_4_the_scheduled_read()
    {
        MeterHarness h = NewHarness();
        h.Meter.RaiseAlert(0x11);

        Call(h, ProcedureIds.EP39, 5, 12, 1, 0, 0);
        Assert.Equal(0x01, h.Meter.AlertFlags);

        Call(h, ProcedureIds.EP39, 6, 4, 1, 6, 0, 1, 2, 3, 4, 5, 6); // Dabbler's dummy call (§3.7)
        Assert.Equal(0x00, h.Meter.AlertFlags);
        Assert.Equal(new[] { 12, 4 }, h.Meter.ProcedureLog.Select(c => (int)c.Parameters[0]).ToArray());
    }

    [Fact]
    public void Procedure_results_can_be_posted_late()
    {
        var options = new SimulatorOptions { Mbk = Mbk, InitialSequence = 500, ProcedureResultDelayMs = 800 };
        var h = new MeterHarness(options);
        h.UseKey(Mbk);
        Call(h, ProcedureIds.EP61, 5, 1);
        Assert.Equal(new byte[16], h.Meter.ReadTable(MeterTableIds.BT08));

        h.Clock.Advance(900);
        Assert.Equal(0x3D, h.Meter.ReadTable(MeterTableIds.BT08)![0]);
    }
}
