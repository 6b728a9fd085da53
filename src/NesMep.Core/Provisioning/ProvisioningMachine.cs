using System;
using NesMep.Core.Module;
using NesMep.Core.Network;
using NesMep.Core.Platform;
using NesMep.Core.Storage;

namespace NesMep.Core.Provisioning
{
    /// <summary>
    /// First boot and Wi-Fi, decided (docs/firmware.md, "First boot, access point and setup security"). The
    /// firmware supplies facts — the radio mode this boot came up in, whether a network and a web password are
    /// saved, Wi-Fi events, the button, scan results — and performs the actions <see cref="Boot"/> and
    /// <see cref="Step"/> return (<see cref="ProvisioningAction"/>). Modes that need another radio configuration
    /// are written to the record file first and reached by a reboot, because nanoFramework applies access point
    /// and station changes at boot only; a power cut at any moment therefore leaves the old or the new mode, both
    /// of which boot into a working state. Thread-safe: facts may come from any thread (Wi-Fi events, the button
    /// interrupt, the web server); <see cref="Step"/> runs on the firmware's supervisor thread.
    /// Never touches the meter side: the meter is read in every state.
    /// </summary>
    public sealed class ProvisioningMachine
    {
        private readonly object _sync = new object();
        private readonly SafeFileStore _store;
        private readonly IClock _clock;
        private readonly ILog _log;
        private ProvisioningRecord _record = new ProvisioningRecord();
        private int _state = ProvisioningState.Booting;
        private int _activeRadio = RadioMode.None;
        private bool _apUp;
        private bool _hasNetwork;
        private long _joinSinceMs;
        private long _nextJoinMs = long.MaxValue;
        private long _quietSinceMs;
        private int _apClients;
        private long _setupUntilMs = long.MinValue;
        private bool _buttonDown;
        private bool _buttonHandled;
        private long _buttonDownMs;
        private long _rebootAtMs = long.MaxValue;
        private bool _scanWanted;
        private bool _scanning;
        private WifiNetwork[] _networks = new WifiNetwork[0];
        private long _scannedMs = -1;

        /// <param name="fileSystem">The device's flash (the record is kept with <see cref="SafeFileStore"/>).</param>
        /// <param name="path">The record file, next to the settings file (e.g. "I:\\provisioning.txt").</param>
        /// <param name="accessPointSsid">The access point's name, <see cref="AccessPoint.Ssid"/> of the MAC.</param>
        /// <param name="clock">The monotonic clock (its NowMs times the fallbacks and the setup window).</param>
        /// <param name="log">Where the decisions are written.</param>
        public ProvisioningMachine(IFileSystem fileSystem, string path, string accessPointSsid, IClock clock, ILog log)
        {
            _store = new SafeFileStore(fileSystem, path);
            AccessPointSsid = accessPointSsid;
            _clock = clock;
            _log = log;
        }

        /// <summary>The access point's name ("NesMep-XXXXXX").</summary>
        public string AccessPointSsid { get; private set; }

        /// <summary>Signalled when a fact from another thread makes <see cref="Step"/> due at once (the firmware's supervisor waits on it).</summary>
        public IWake? Waker { get; set; }

        /// <summary>A <see cref="ProvisioningState"/> value.</summary>
        public int State
        {
            get { lock (_sync) { return _state; } }
        }

        /// <summary>The radio mode the record asks for: what the firmware writes into the configuration block before a <see cref="ProvisioningAction.Reboot"/>.</summary>
        public int WantedRadio
        {
            get { lock (_sync) { return _record.Radio; } }
        }

        /// <summary>Why the last access point after a station was chosen (a <see cref="ProvisioningRecord"/> reason).</summary>
        public int Reason
        {
            get { lock (_sync) { return _record.Reason; } }
        }

        /// <summary>
        /// The access point is up in this boot: the web side then redirects phones' captive probes and foreign
        /// host names to the portal (<see cref="AccessPoint.PortalUrl"/>). Fixed for the boot.
        /// </summary>
        public bool InAccessPoint
        {
            get { lock (_sync) { return _apUp; } }
        }

        /// <summary>
        /// Decides this boot from the radio mode nanoFramework came up in (<see cref="RadioMode"/>, read from the
        /// configuration block), whether a network is saved (wifi.ssid) and whether a web password is set.
        /// Returns <see cref="ProvisioningAction.Reboot"/> (write <see cref="WantedRadio"/>, reboot),
        /// <see cref="ProvisioningAction.StartAccessPoint"/> or <see cref="ProvisioningAction.JoinStation"/>.
        /// </summary>
        public int Boot(int activeRadio, bool hasNetwork, bool hasPassword)
        {
            lock (_sync)
            {
                long now = _clock.NowMs;
                _activeRadio = activeRadio;
                _hasNetwork = hasNetwork;
                ProvisioningRecord r = LoadRecord(hasNetwork, hasPassword);
                if (r.Mode != ProvisioningRecord.ModeSetup && !hasNetwork)
                {
                    _log.Write(LogLevel.Warning, "provisioning: no Wi-Fi network saved; back to the setup access point " + AccessPointSsid);
                    r.Mode = ProvisioningRecord.ModeSetup;
                    r.Reason = ProvisioningRecord.ReasonNone;
                }

                _record = r;
                int wanted = r.Radio;
                if (activeRadio != wanted)
                {
                    if (r.SwitchReboots < ProvisioningTimings.MaxSwitchReboots)
                    {
                        ProvisioningRecord next = r.Copy();
                        next.SwitchReboots++;
                        if (Save(next))
                        {
                            _log.Write(LogLevel.Info, "provisioning: the radio came up as " + RadioMode.Name(activeRadio) + ", " +
                                ProvisioningRecord.ModeName(r.Mode) + " needs " + RadioMode.Name(wanted) + ": configuring it and rebooting");
                            _state = ProvisioningState.Rebooting;
                            _rebootAtMs = long.MaxValue; // this Reboot is the answer of Boot itself
                            return ProvisioningAction.Reboot;
                        }
                    }

                    _log.Write(LogLevel.Error, "provisioning: the radio stays " + RadioMode.Name(activeRadio) + " although " +
                        RadioMode.Name(wanted) + " was configured (" + r.SwitchReboots + " reboots); running as it is");
                    bool station = activeRadio == RadioMode.Station && hasNetwork;
                    int mode = station ? ProvisioningRecord.ModeStation :
                        r.Mode == ProvisioningRecord.ModeStation ? ProvisioningRecord.ModeFallback : r.Mode;
                    return Enter(mode, station, now);
                }

                if (r.SwitchReboots != 0)
                {
                    ProvisioningRecord next = r.Copy();
                    next.SwitchReboots = 0;
                    Save(next); // on failure the count stays: at worst one reboot fewer is tried next time
                }

                return Enter(r.Mode, wanted == RadioMode.Station, now);
            }
        }

        /// <summary>
        /// Does what is due: the returned <see cref="ProvisioningAction"/> (None when nothing is). Call again at
        /// <see cref="NextDueMs"/>, or at once when it returned an action, or when <see cref="Waker"/> is signalled.
        /// </summary>
        public int Step()
        {
            lock (_sync)
            {
                long now = _clock.NowMs;
                if (_state == ProvisioningState.Rebooting)
                {
                    if (now >= _rebootAtMs)
                    {
                        _rebootAtMs = long.MaxValue; // asked once; the firmware reboots
                        return ProvisioningAction.Reboot;
                    }

                    return ProvisioningAction.None;
                }

                if (_buttonDown && !_buttonHandled && now - _buttonDownMs >= ProvisioningTimings.LongPressMs)
                {
                    _buttonHandled = true;
                    LongPress(now);
                    if (_state == ProvisioningState.Rebooting)
                    {
                        return ProvisioningAction.None;
                    }
                }

                if (_state == ProvisioningState.Joining)
                {
                    if (now - _joinSinceMs >= ProvisioningTimings.JoinTimeoutMs)
                    {
                        _log.Write(LogLevel.Warning, "provisioning: could not join the Wi-Fi network for " +
                            (ProvisioningTimings.JoinTimeoutMs / 1000) + " s; opening the access point " + AccessPointSsid);
                        Switch(ProvisioningRecord.ModeFallback, ProvisioningRecord.ReasonNoJoin, now);
                        return ProvisioningAction.None;
                    }

                    if (now >= _nextJoinMs)
                    {
                        _nextJoinMs = now + ProvisioningTimings.JoinRetryMs;
                        return ProvisioningAction.JoinStation;
                    }
                }

                if (_state == ProvisioningState.Fallback && _hasNetwork && _apClients == 0 &&
                    now - _quietSinceMs >= ProvisioningTimings.FallbackDwellMs)
                {
                    _log.Write(LogLevel.Info, "provisioning: nobody used the access point for " +
                        (ProvisioningTimings.FallbackDwellMs / 1000) + " s; trying the Wi-Fi network again");
                    Switch(ProvisioningRecord.ModeStation, ProvisioningRecord.ReasonNone, now);
                    return ProvisioningAction.None;
                }

                if (_scanWanted)
                {
                    _scanWanted = false;
                    _scanning = true;
                    return ProvisioningAction.Scan;
                }

                return ProvisioningAction.None;
            }
        }

        /// <summary>The clock time at which <see cref="Step"/> next has something to do (long.MaxValue: only after a fact).</summary>
        public long NextDueMs
        {
            get
            {
                lock (_sync)
                {
                    long due = long.MaxValue;
                    if (_scanWanted)
                    {
                        return _clock.NowMs;
                    }

                    if (_state == ProvisioningState.Rebooting)
                    {
                        return _rebootAtMs;
                    }

                    if (_buttonDown && !_buttonHandled)
                    {
                        due = _buttonDownMs + ProvisioningTimings.LongPressMs;
                    }

                    if (_state == ProvisioningState.Joining)
                    {
                        due = Earlier(due, Earlier(_nextJoinMs, _joinSinceMs + ProvisioningTimings.JoinTimeoutMs));
                    }

                    if (_state == ProvisioningState.Fallback && _hasNetwork && _apClients == 0)
                    {
                        due = Earlier(due, _quietSinceMs + ProvisioningTimings.FallbackDwellMs);
                    }

                    return due;
                }
            }
        }

        /// <summary>The station joined its network (an address was assigned).</summary>
        public void StationJoined()
        {
            lock (_sync)
            {
                if (_state == ProvisioningState.Joining)
                {
                    _state = ProvisioningState.Connected;
                    _nextJoinMs = long.MaxValue;
                    _log.Write(LogLevel.Info, "provisioning: joined the Wi-Fi network");
                }
            }
        }

        /// <summary>The station lost its network: joining again, and falling back to the access point if that takes too long.</summary>
        public void StationLost()
        {
            lock (_sync)
            {
                if (_state == ProvisioningState.Connected)
                {
                    _state = ProvisioningState.Joining;
                    _joinSinceMs = _clock.NowMs;
                    _nextJoinMs = _joinSinceMs;
                    _log.Write(LogLevel.Warning, "provisioning: lost the Wi-Fi network; joining again");
                }
            }

            Wake();
        }

        /// <summary>The number of phones or computers on the access point changed (NetworkAPStationChanged).</summary>
        public void AccessPointClients(int count)
        {
            lock (_sync)
            {
                if (count <= 0 && _apClients > 0)
                {
                    _quietSinceMs = _clock.NowMs; // the fallback's dwell counts from the last one leaving
                }

                _apClients = count < 0 ? 0 : count;
            }

            Wake();
        }

        /// <summary>The button went down (its pin's falling edge, debounced by the firmware).</summary>
        public void ButtonDown()
        {
            lock (_sync)
            {
                _buttonDown = true;
                _buttonHandled = false;
                _buttonDownMs = _clock.NowMs;
            }

            Wake();
        }

        /// <summary>The button was released; a press held <see cref="ProvisioningTimings.LongPressMs"/> acts at once, even before this.</summary>
        public void ButtonUp()
        {
            lock (_sync)
            {
                long now = _clock.NowMs;
                if (_buttonDown && !_buttonHandled && now - _buttonDownMs >= ProvisioningTimings.LongPressMs)
                {
                    _buttonHandled = true;
                    LongPress(now);
                }

                _buttonDown = false;
            }

            Wake();
        }

        /// <summary>The result of the scan asked for by <see cref="ProvisioningAction.Scan"/> (an empty array after a failed scan).</summary>
        public void NetworksScanned(WifiNetwork[] networks)
        {
            lock (_sync)
            {
                _networks = networks ?? new WifiNetwork[0];
                _scannedMs = _clock.NowMs;
                _scanning = false;
            }
        }

        /// <summary>The last scan's networks (the array is not copied: do not change it).</summary>
        public WifiNetwork[] Networks
        {
            get { lock (_sync) { return _networks; } }
        }

        /// <summary>Age of <see cref="Networks"/> in ms, or -1 before the first scan.</summary>
        public long ScanAgeMs
        {
            get { lock (_sync) { return _scannedMs < 0 ? -1 : _clock.NowMs - _scannedMs; } }
        }

        /// <summary>A scan is asked for or running.</summary>
        public bool Scanning
        {
            get { lock (_sync) { return _scanning || _scanWanted; } }
        }

        /// <summary>The setup page wants the list: a scan is asked for unless one runs or the list is recent.</summary>
        public void RequestScan()
        {
            bool wake;
            lock (_sync)
            {
                long now = _clock.NowMs;
                wake = !_scanning && !_scanWanted && (_scannedMs < 0 || now - _scannedMs >= ProvisioningTimings.ScanMaxAgeMs);
                _scanWanted = _scanWanted || wake;
            }

            if (wake)
            {
                Wake();
            }
        }

        /// <summary>
        /// Whether the first web password may be chosen by this request: only while the access point is up, the
        /// setup window is open (after boot or a long press), and the request came in on the access point's
        /// address from one of its clients (<paramref name="localAddress"/> and <paramref name="remoteAddress"/>
        /// as the HTTP server reports them, ":port" allowed). The firmware sets WebRequest.SetupAllowed from it.
        /// </summary>
        public bool SetupAllowed(string? localAddress, string? remoteAddress)
        {
            lock (_sync)
            {
                return _apUp && _clock.NowMs < _setupUntilMs && AccessPoint.IsOwnAddress(localAddress) &&
                       AccessPoint.OnSubnet(remoteAddress) && !AccessPoint.IsOwnAddress(remoteAddress);
            }
        }

        /// <summary>Milliseconds left to choose the first password (0 when the window is closed or the access point is not up).</summary>
        public long SetupWindowLeftMs
        {
            get
            {
                lock (_sync)
                {
                    long left = _setupUntilMs - _clock.NowMs;
                    return _apUp && left > 0 ? left : 0;
                }
            }
        }

        /// <summary>
        /// The user finished the setup on the access point (web password and network saved): the module reboots into
        /// the station after <see cref="ProvisioningTimings.RebootDelayMs"/>. Returns null, or why nothing changed.
        /// </summary>
        public string? FinishSetup(bool hasNetwork, bool hasPassword)
        {
            string? refused;
            lock (_sync)
            {
                if (!_apUp)
                {
                    refused = "the module is already on its Wi-Fi network";
                }
                else if (_state == ProvisioningState.Rebooting)
                {
                    refused = "the module is already restarting";
                }
                else if (!hasPassword)
                {
                    refused = "choose the web password first";
                }
                else if (!hasNetwork)
                {
                    refused = "save the Wi-Fi network (wifi.ssid) first";
                }
                else
                {
                    _hasNetwork = true;
                    refused = Switch(ProvisioningRecord.ModeStation, ProvisioningRecord.ReasonNone, _clock.NowMs) ? null :
                        "the change could not be stored on the module's flash; see the log";
                }
            }

            Wake();
            return refused;
        }

        private ProvisioningRecord LoadRecord(bool hasNetwork, bool hasPassword)
        {
            string? problem = null;
            ProvisioningRecord? r = null;
            try
            {
                byte[]? data = _store.Load();
                if (data != null)
                {
                    r = ProvisioningRecord.Decode(data, out problem);
                }
            }
            catch (Exception e)
            {
                problem = e.GetType().Name + ": " + e.Message;
            }

            if (r != null)
            {
                return r;
            }

            if (problem != null)
            {
                _log.Write(LogLevel.Warning, "provisioning: the record file could not be used (" + problem + "); deciding from the settings");
            }

            // No record (first boot, or settings deployed with nanoff): a complete setup joins its network.
            ProvisioningRecord fresh = new ProvisioningRecord();
            fresh.Mode = hasNetwork && hasPassword ? ProvisioningRecord.ModeStation : ProvisioningRecord.ModeSetup;
            return fresh;
        }

        /// <summary>Stores <paramref name="next"/>; it becomes the record in force only when the save finished.</summary>
        private bool Save(ProvisioningRecord next)
        {
            string? error;
            try
            {
                error = _store.Save(next.Encode());
            }
            catch (Exception e)
            {
                error = e.GetType().Name + ": " + e.Message;
            }

            if (error != null)
            {
                _log.Write(LogLevel.Error, "provisioning: cannot store the mode " + ProvisioningRecord.ModeName(next.Mode) + ": " + error);
                return false;
            }

            _record = next;
            return true;
        }

        /// <summary>Runs this boot in <paramref name="mode"/> on the radio that is up.</summary>
        private int Enter(int mode, bool station, long now)
        {
            if (station)
            {
                _state = ProvisioningState.Joining;
                _joinSinceMs = now;
                _nextJoinMs = now + ProvisioningTimings.JoinRetryMs;
                _log.Write(LogLevel.Info, "provisioning: joining the Wi-Fi network");
                return ProvisioningAction.JoinStation;
            }

            _apUp = true;
            _state = mode == ProvisioningRecord.ModeSetup ? ProvisioningState.Setup : ProvisioningState.Fallback;
            _quietSinceMs = now;
            _setupUntilMs = now + ProvisioningTimings.SetupWindowMs;
            _log.Write(LogLevel.Info, "provisioning: access point " + AccessPointSsid + " at http://192.168.4.1/ (" +
                ProvisioningState.Name(_state) + (mode == ProvisioningRecord.ModeFallback ? ", " + ProvisioningRecord.ReasonName(_record.Reason) : "") + ")");
            return ProvisioningAction.StartAccessPoint;
        }

        /// <summary>Stores the next mode and asks for the reboot that applies it; false (nothing changes) when it cannot be stored.</summary>
        private bool Switch(int mode, int reason, long now)
        {
            ProvisioningRecord next = _record.Copy();
            next.Mode = mode;
            next.Reason = reason;
            next.SwitchReboots = 0;
            if (!Save(next))
            {
                // Staying is safe: a station keeps trying to join, an access point keeps serving. Try again later.
                _joinSinceMs = now;
                _quietSinceMs = now;
                return false;
            }

            _state = ProvisioningState.Rebooting;
            _rebootAtMs = now + ProvisioningTimings.RebootDelayMs;
            _log.Write(LogLevel.Info, "provisioning: restarting into " + ProvisioningRecord.ModeName(mode) + " (" + RadioMode.Name(next.Radio) + ")");
            return true;
        }

        private void LongPress(long now)
        {
            switch (_state)
            {
                case ProvisioningState.Joining:
                case ProvisioningState.Connected:
                    _log.Write(LogLevel.Info, "provisioning: button held; opening the access point " + AccessPointSsid);
                    Switch(ProvisioningRecord.ModeFallback, ProvisioningRecord.ReasonButton, now);
                    break;
                case ProvisioningState.Fallback:
                    if (_hasNetwork)
                    {
                        _log.Write(LogLevel.Info, "provisioning: button held; back to the Wi-Fi network");
                        Switch(ProvisioningRecord.ModeStation, ProvisioningRecord.ReasonNone, now);
                    }

                    break;
                case ProvisioningState.Setup:
                    // Someone has the module in hand: the first password may be chosen for another window.
                    _setupUntilMs = now + ProvisioningTimings.SetupWindowMs;
                    _log.Write(LogLevel.Info, "provisioning: button held; setup open for another " + (ProvisioningTimings.SetupWindowMs / 60000) + " min");
                    break;
            }
        }

        private void Wake()
        {
            IWake? w = Waker;
            if (w != null)
            {
                w.Wake();
            }
        }

        private static long Earlier(long a, long b)
        {
            return a < b ? a : b;
        }
    }
}
