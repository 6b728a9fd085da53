using System.Text;
using NesMep.Core.Provisioning;
using NesMep.Core.Tests.Support;
using Xunit;

namespace NesMep.Core.Tests.Provisioning;

/// <summary>First boot, setup, station, fallback and the button on virtual time, with reboots through the radio configuration.</summary>
public class ProvisioningMachineTests
{
    private static readonly long Window = ProvisioningTimings.SetupWindowMs;

    [Fact]
    public void A_fresh_module_configures_its_access_point_reboots_once_and_serves_setup()
    {
        var rig = DeviceRig.InSetup();
        Assert.Equal(new[] { "reboot", "start_access_point" }, rig.Actions);
        Assert.Equal(2, rig.Boots);
        Assert.Equal(RadioMode.AccessPoint, rig.ConfiguredRadio);
        Assert.Equal(ProvisioningState.Setup, rig.State);
        Assert.True(rig.M.InAccessPoint);
        Assert.Equal("NesMep-A1B2C3", rig.M.AccessPointSsid);

        // Nothing timed happens on an unconfigured access point: it waits for its owner.
        rig.Run(24 * 3600 * 1000L);
        Assert.Equal(ProvisioningState.Setup, rig.State);
        Assert.Equal(2, rig.Boots);
    }

    [Fact]
    public void The_first_password_is_open_only_to_access_point_clients_and_only_within_the_window_a_long_press_reopens()
    {
        var rig = DeviceRig.InSetup();
        Assert.True(rig.M.SetupAllowed("192.168.4.1", "192.168.4.2"));
        Assert.True(rig.M.SetupAllowed("192.168.4.1:80", "192.168.4.17:52144"));
        Assert.False(rig.M.SetupAllowed("192.168.4.1", "192.168.1.20"), "a client from another network");
        Assert.False(rig.M.SetupAllowed("192.168.1.5", "192.168.4.2"), "a request on another interface");
        Assert.False(rig.M.SetupAllowed("192.168.4.1", "192.168.4.1"), "the module itself");
        Assert.False(rig.M.SetupAllowed(null, "192.168.4.2"));
        Assert.False(rig.M.SetupAllowed("192.168.4.1", "::1"));

        rig.Run(Window - 1);
        Assert.True(rig.M.SetupAllowed("192.168.4.1", "192.168.4.2"));
        Assert.Equal(1, rig.M.SetupWindowLeftMs);
        rig.Run(1);
        Assert.False(rig.M.SetupAllowed("192.168.4.1", "192.168.4.2"));
        Assert.Equal(0, rig.M.SetupWindowLeftMs);

        rig.M.ButtonDown();
        rig.Run(ProvisioningTimings.LongPressMs - 1);
        Assert.False(rig.M.SetupAllowed("192.168.4.1", "192.168.4.2"), "a short press is not a long press");
        rig.Run(1); // held long enough: acts without waiting for the release
        Assert.True(rig.M.SetupAllowed("192.168.4.1", "192.168.4.2"));
        rig.M.ButtonUp();
        Assert.Equal(ProvisioningState.Setup, rig.State);
        Assert.Equal(Window, rig.M.SetupWindowLeftMs);
    }

    [Fact]
    public void Finishing_needs_the_password_and_a_network_then_reboots_into_the_station_after_the_answer_is_out()
    {
        var rig = DeviceRig.InSetup();
        Assert.Equal("choose the web password first", rig.M.FinishSetup(true, false));
        Assert.Equal("save the Wi-Fi network (wifi.ssid) first", rig.M.FinishSetup(false, true));
        Assert.Equal(ProvisioningState.Setup, rig.State);

        rig.HasNetwork = rig.HasPassword = rig.NetworkReachable = true;
        Assert.Null(rig.M.FinishSetup(true, true));
        Assert.Equal(ProvisioningState.Rebooting, rig.State);
        Assert.Equal("the module is already restarting", rig.M.FinishSetup(true, true));
        rig.Run(ProvisioningTimings.RebootDelayMs - 1);
        Assert.Equal(2, rig.Boots);
        rig.Run(1);
        Assert.Equal(3, rig.Boots);
        Assert.Equal(RadioMode.Station, rig.ConfiguredRadio);
        Assert.Equal(ProvisioningState.Connected, rig.State);
        Assert.False(rig.M.InAccessPoint);
        Assert.Equal("the module is already on its Wi-Fi network", rig.M.FinishSetup(true, true));
        Assert.False(rig.M.SetupAllowed("192.168.4.1", "192.168.4.2"), "no setup on the station");
    }

    [Fact]
    public void A_station_that_cannot_join_retries_every_30_s_and_opens_the_access_point_after_3_minutes()
    {
        var rig = DeviceRig.Connected();
        rig.NetworkReachable = false;
        rig.M.StationLost();
        rig.Actions.Clear();
        rig.Run(ProvisioningTimings.JoinTimeoutMs - 1);
        Assert.Equal(ProvisioningState.Joining, rig.State);

        // Joined at once after the loss, then every 30 s: 0, 30, ..., 150 s.
        Assert.Equal(Enumerable.Repeat("join_station", 6), rig.Actions);
        rig.Run(1);
        Assert.Equal(ProvisioningState.Rebooting, rig.State);
        rig.Run(ProvisioningTimings.RebootDelayMs);
        Assert.Equal(ProvisioningState.Fallback, rig.State);
        Assert.Equal(ProvisioningRecord.ReasonNoJoin, rig.M.Reason);
        Assert.Equal(RadioMode.AccessPoint, rig.ConfiguredRadio);
        Assert.True(rig.M.InAccessPoint);
        Assert.Contains(rig.Log.Lines, l => l.Contains("could not join the Wi-Fi network for 180 s"));
    }

    [Fact]
    public void A_connection_lost_for_less_than_the_timeout_never_leaves_the_station()
    {
        var rig = DeviceRig.Connected();
        int boots = rig.Boots;
        rig.NetworkReachable = false;
        rig.M.StationLost();
        rig.Run(ProvisioningTimings.JoinTimeoutMs - 40000); // back before the last retry (150 s) of the 180 s
        rig.NetworkReachable = true;
        rig.Run(ProvisioningTimings.JoinRetryMs);
        Assert.Equal(ProvisioningState.Connected, rig.State);

        // The timeout counts from the latest loss, not the first.
        rig.NetworkReachable = false;
        rig.M.StationLost();
        rig.Run(ProvisioningTimings.JoinTimeoutMs - 1);
        Assert.Equal(ProvisioningState.Joining, rig.State);
        Assert.Equal(boots, rig.Boots);
    }

    [Fact]
    public void A_fallback_access_point_returns_to_the_station_after_10_quiet_minutes_counted_from_the_last_client()
    {
        var rig = DeviceRig.Connected();
        rig.NetworkReachable = false;
        rig.M.StationLost();
        rig.Run(ProvisioningTimings.JoinTimeoutMs + ProvisioningTimings.RebootDelayMs);
        Assert.Equal(ProvisioningState.Fallback, rig.State);
        long entered = rig.Clock.NowMs;

        rig.Run(5 * 60000);
        rig.M.AccessPointClients(1); // the owner's phone joins at 5 min and stays until 15 min
        rig.Run(10 * 60000);
        Assert.Equal(ProvisioningState.Fallback, rig.State);
        rig.M.AccessPointClients(0);
        rig.NetworkReachable = true; // the router is back
        rig.Run(ProvisioningTimings.FallbackDwellMs - 1);
        Assert.Equal(ProvisioningState.Fallback, rig.State);
        Assert.Equal(entered + 25 * 60000 - 1, rig.Clock.NowMs);
        rig.Run(1 + ProvisioningTimings.RebootDelayMs);
        Assert.Equal(ProvisioningState.Connected, rig.State);
        Assert.Equal(RadioMode.Station, rig.ConfiguredRadio);
    }

    [Fact]
    public void While_the_router_stays_off_the_module_alternates_station_and_access_point_without_a_reboot_storm()
    {
        var rig = DeviceRig.Connected();
        int boots = rig.Boots;
        rig.NetworkReachable = false;
        rig.M.StationLost();
        rig.Run(3600 * 1000L);
        long cycle = ProvisioningTimings.JoinTimeoutMs + ProvisioningTimings.FallbackDwellMs + 2 * ProvisioningTimings.RebootDelayMs;
        int expected = (int)(2 * (3600 * 1000L / cycle)); // two reboots per cycle (about 13 min)
        Assert.InRange(rig.Boots - boots, expected, expected + 1);
    }

    [Fact]
    public void A_long_press_on_the_station_opens_the_access_point_and_another_one_goes_back()
    {
        var rig = DeviceRig.Connected();
        rig.M.ButtonDown();
        rig.Run(2000);
        rig.M.ButtonUp(); // a short press does nothing
        rig.Run(60000);
        Assert.Equal(ProvisioningState.Connected, rig.State);

        rig.M.ButtonDown();
        rig.Run(ProvisioningTimings.LongPressMs + ProvisioningTimings.RebootDelayMs);
        rig.M.ButtonUp();
        Assert.Equal(ProvisioningState.Fallback, rig.State);
        Assert.Equal(ProvisioningRecord.ReasonButton, rig.M.Reason);
        Assert.True(rig.M.SetupAllowed("192.168.4.1", "192.168.4.2"));

        rig.M.ButtonDown();
        rig.Clock.Advance(ProvisioningTimings.LongPressMs);
        rig.M.ButtonUp(); // released exactly at the long-press time: acts on release
        rig.Run(ProvisioningTimings.RebootDelayMs);
        Assert.Equal(ProvisioningState.Connected, rig.State);
    }

    [Fact]
    public void On_the_fallback_access_point_a_new_network_can_be_saved_and_joined_at_once()
    {
        var rig = DeviceRig.Connected();
        rig.NetworkReachable = false; // the router was replaced: the old network is gone
        rig.M.StationLost();
        rig.Run(ProvisioningTimings.JoinTimeoutMs + ProvisioningTimings.RebootDelayMs);
        Assert.Equal(ProvisioningState.Fallback, rig.State);
        rig.M.AccessPointClients(1);
        rig.Run(60000);
        rig.NetworkReachable = true; // the owner saved the new network's name and password
        Assert.Null(rig.M.FinishSetup(true, true));
        rig.Run(ProvisioningTimings.RebootDelayMs);
        Assert.Equal(ProvisioningState.Connected, rig.State);
    }

    [Theory]
    [InlineData("setup", "setup")]
    [InlineData("joining", "joining")]
    [InlineData("connected", "connected")]
    [InlineData("fallback-no_join", "fallback")]
    [InlineData("fallback-button", "fallback")]
    [InlineData("rebooting-to-station", "connected")]
    [InlineData("rebooting-to-fallback", "fallback")]
    public void A_power_cut_in_any_state_boots_back_into_the_same_mode(string before, string after)
    {
        DeviceRig rig = Reach(before);
        rig.Actions.Clear();
        rig.PowerOn(); // nothing the machine asked for after reaching the state was performed
        rig.Run(ProvisioningTimings.JoinRetryMs);
        Assert.Equal(after, rig.StateName);
        Assert.Equal(after is "setup" or "fallback" ? RadioMode.AccessPoint : RadioMode.Station, rig.ConfiguredRadio);
        if (before.StartsWith("fallback"))
        {
            Assert.Equal(before.EndsWith("button") ? ProvisioningRecord.ReasonButton : ProvisioningRecord.ReasonNoJoin, rig.M.Reason);
        }
    }

    private static DeviceRig Reach(string state)
    {
        DeviceRig rig;
        switch (state)
        {
            case "setup":
                return DeviceRig.InSetup();
            case "joining":
                rig = DeviceRig.Connected();
                rig.NetworkReachable = false;
                rig.M.StationLost();
                rig.Run(60000);
                Assert.Equal(ProvisioningState.Joining, rig.State);
                return rig;
            case "connected":
                return DeviceRig.Connected();
            case "fallback-no_join":
                rig = DeviceRig.Connected();
                rig.NetworkReachable = false;
                rig.M.StationLost();
                rig.Run(ProvisioningTimings.JoinTimeoutMs + ProvisioningTimings.RebootDelayMs);
                rig.NetworkReachable = true;
                Assert.Equal(ProvisioningState.Fallback, rig.State);
                return rig;
            case "fallback-button":
                rig = DeviceRig.Connected();
                rig.M.ButtonDown();
                rig.Run(ProvisioningTimings.LongPressMs + ProvisioningTimings.RebootDelayMs);
                rig.M.ButtonUp();
                Assert.Equal(ProvisioningState.Fallback, rig.State);
                return rig;
            case "rebooting-to-station":
                rig = DeviceRig.InSetup();
                rig.HasNetwork = rig.HasPassword = rig.NetworkReachable = true;
                Assert.Null(rig.M.FinishSetup(true, true));
                Assert.Equal(ProvisioningState.Rebooting, rig.State);
                return rig;
            default:
                rig = DeviceRig.Connected();
                rig.M.ButtonDown();
                rig.Run(ProvisioningTimings.LongPressMs);
                Assert.Equal(ProvisioningState.Rebooting, rig.State);
                return rig;
        }
    }

    [Theory]
    [InlineData("finish")]
    [InlineData("join-timeout")]
    [InlineData("fallback-dwell")]
    [InlineData("button")]
    public void A_power_cut_at_any_flash_operation_of_a_switch_boots_into_the_old_or_the_new_mode_never_a_broken_one(string transition)
    {
        for (int crashAt = 1; crashAt <= 8; crashAt++)
        {
            DeviceRig rig = Before(transition, out string oldMode, out string newMode);
            int radioBefore = rig.ConfiguredRadio;
            rig.Flash.Operations = 0;
            rig.Flash.CrashAt = crashAt;
            bool switched = Trigger(rig, transition);
            rig.Flash.CrashAt = int.MaxValue; // power back; the radio configuration was not written (the cut came first)
            Assert.Equal(radioBefore, rig.ConfiguredRadio);
            rig.PowerOn();
            rig.Run(ProvisioningTimings.JoinRetryMs);
            string mode = ModeOf(rig.StateName);
            Assert.True(mode == oldMode || mode == newMode, transition + ", cut at " + crashAt + ": " + rig.StateName);
            if (switched)
            {
                Assert.Equal(newMode, mode); // the record was complete before the reboot was asked for
            }

            Assert.Equal(new[] { DeviceRig.RecordPath }, rig.Flash.Files.Keys); // an interrupted save is repaired at boot
        }
    }

    private static string ModeOf(string state) => state is "joining" or "connected" ? "station" : state;

    private static DeviceRig Before(string transition, out string oldMode, out string newMode)
    {
        switch (transition)
        {
            case "finish":
                oldMode = "setup";
                newMode = "station";
                DeviceRig rig = DeviceRig.InSetup();
                rig.HasNetwork = rig.HasPassword = rig.NetworkReachable = true;
                return rig;
            case "fallback-dwell":
                oldMode = "fallback";
                newMode = "station";
                return Reach("fallback-no_join");
            default:
                oldMode = "station";
                newMode = "fallback";
                rig = DeviceRig.Connected();
                if (transition == "join-timeout")
                {
                    rig.NetworkReachable = false;
                    rig.M.StationLost();
                }

                return rig;
        }
    }

    /// <summary>Drives the transition until it asks for its reboot (true) or the cut stopped it (false); performs no reboot.</summary>
    private static bool Trigger(DeviceRig rig, string transition)
    {
        switch (transition)
        {
            case "finish":
                return rig.M.FinishSetup(true, true) == null;
            case "button":
                rig.M.ButtonDown();
                rig.Clock.Advance(ProvisioningTimings.LongPressMs);
                break;
            case "join-timeout":
                rig.Clock.Advance(ProvisioningTimings.JoinTimeoutMs);
                break;
            default:
                rig.Clock.Advance(ProvisioningTimings.FallbackDwellMs);
                break;
        }

        rig.M.Step();
        return rig.State == ProvisioningState.Rebooting;
    }

    [Fact]
    public void A_radio_configuration_that_never_takes_costs_two_reboots_then_the_module_runs_as_it_is()
    {
        var rig = new DeviceRig { RadioWritable = false };
        rig.PowerOn();
        Assert.Equal(1 + ProvisioningTimings.MaxSwitchReboots, rig.Boots);
        Assert.Equal(ProvisioningState.Setup, rig.State);
        Assert.Contains(rig.Log.Lines, l => l.StartsWith("Error") && l.Contains("running as it is"));

        // Once the radio matches again, the count starts over.
        rig.RadioWritable = true;
        rig.ConfiguredRadio = RadioMode.AccessPoint;
        rig.PowerOn();
        Assert.Contains("switch_reboots=0", Encoding.UTF8.GetString(rig.Flash.Files[DeviceRig.RecordPath]));
    }

    [Fact]
    public void Without_a_record_a_complete_configuration_joins_and_an_incomplete_one_sets_up()
    {
        var deployed = new DeviceRig { HasNetwork = true, HasPassword = true, NetworkReachable = true, ConfiguredRadio = RadioMode.Station };
        deployed.PowerOn();
        Assert.Equal(ProvisioningState.Connected, deployed.State);
        Assert.Equal(1, deployed.Boots);

        var noPassword = new DeviceRig { HasNetwork = true, ConfiguredRadio = RadioMode.AccessPoint };
        noPassword.PowerOn();
        Assert.Equal(ProvisioningState.Setup, noPassword.State);
    }

    [Fact]
    public void A_station_record_without_a_saved_network_goes_back_to_setup()
    {
        var rig = DeviceRig.Connected();
        rig.HasNetwork = false; // the settings file was lost or its Wi-Fi cleared
        rig.PowerOn();
        Assert.Equal(ProvisioningState.Setup, rig.State);
        Assert.Equal(RadioMode.AccessPoint, rig.ConfiguredRadio);
        Assert.Contains(rig.Log.Lines, l => l.Contains("no Wi-Fi network saved"));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("nesmep-provisioning 1\nmode=moon\n")]
    [InlineData("nesmep-provisioning 1\nreason=button\n")]
    [InlineData("nesmep-provisioning 1\nmode=station\nswitch_reboots=-3\n")]
    public void A_damaged_record_is_reported_and_the_decision_taken_from_the_settings(string content)
    {
        var rig = new DeviceRig { HasNetwork = true, HasPassword = true, NetworkReachable = true, ConfiguredRadio = RadioMode.Station };
        rig.Flash.Files[DeviceRig.RecordPath] = Encoding.UTF8.GetBytes(content);
        rig.PowerOn();
        Assert.Equal(ProvisioningState.Connected, rig.State);
        Assert.Contains(rig.Log.Lines, l => l.StartsWith("Warning") && l.Contains("record file could not be used"));
    }

    [Fact]
    public void The_record_round_trips_and_names_its_values()
    {
        var r = new ProvisioningRecord { Mode = ProvisioningRecord.ModeFallback, Reason = ProvisioningRecord.ReasonButton, SwitchReboots = 1 };
        byte[] data = r.Encode();
        Assert.Equal("nesmep-provisioning 1\nmode=fallback\nreason=button\nswitch_reboots=1\n", Encoding.UTF8.GetString(data));
        ProvisioningRecord? back = ProvisioningRecord.Decode(data, out string? error);
        Assert.Null(error);
        Assert.True(back!.SameAs(r));
        Assert.Equal(RadioMode.AccessPoint, back.Radio);
    }

    [Fact]
    public void A_scan_is_asked_for_once_and_its_list_kept_for_30_s()
    {
        var rig = DeviceRig.InSetup();
        rig.M.RequestScan();
        Assert.True(rig.M.Scanning);
        Assert.Equal(rig.Clock.NowMs, rig.M.NextDueMs);
        Assert.Equal(ProvisioningAction.Scan, rig.M.Step());
        rig.M.RequestScan(); // running: not asked again
        Assert.Equal(ProvisioningAction.None, rig.M.Step());
        rig.Clock.Advance(3000);
        rig.M.NetworksScanned(new[] { new WifiNetwork("home", -61, true), new WifiNetwork("cafe", -80, false) });
        Assert.False(rig.M.Scanning);
        Assert.Equal(new[] { "home", "cafe" }, rig.M.Networks.Select(n => n.Ssid));
        rig.Clock.Advance(ProvisioningTimings.ScanMaxAgeMs - 1);
        rig.M.RequestScan();
        Assert.False(rig.M.Scanning);
        rig.Clock.Advance(1);
        rig.M.RequestScan();
        Assert.Equal(ProvisioningAction.Scan, rig.M.Step());
        Assert.Equal(ProvisioningTimings.ScanMaxAgeMs, rig.M.ScanAgeMs);
    }

    [Fact]
    public void Facts_from_other_threads_wake_the_supervisor()
    {
        var rig = DeviceRig.Connected();
        var wake = new CountingWake();
        rig.M.Waker = wake;
        rig.M.ButtonDown();
        rig.M.StationLost();
        rig.M.RequestScan();
        Assert.Equal(3, wake.Count);
    }

    private sealed class CountingWake : NesMep.Core.Module.IWake
    {
        public int Count;

        public void Wake() => Count++;
    }
}
