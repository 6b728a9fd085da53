using NesMep.Core.Json;

namespace NesMep.Core.Tables
{
    /// <summary>
    /// ET11 MFG Dimension Table (reference §5.11). Works on any window (the guide's transaction example
    /// reads only 10 bytes): each field is decoded if inside the data, else reads
    /// <see cref="TableWindow.Absent"/>. UINT16 fields are little-endian (the Dabbler firmware reads
    /// them big-endian).
    /// </summary>
    public sealed class Et11Dimensions : TableDecoder
    {
        public const string ErrorNoField = "window holds no ET11 field";

        private static readonly byte[] NoData = new byte[0];

        public int DeviceCount { get; private set; }
        public int Et13EntrySize { get; private set; }
        public int Et14EntrySize { get; private set; }
        public int Et15QueueSize { get; private set; }
        public int Et15EntrySize { get; private set; }
        public int Et16DataEntrySize { get; private set; }
        public int Et52RequestLength { get; private set; }
        public int Et53ResponseLength { get; private set; }
        public int OnDemandWriteEntrySize { get; private set; }
        public int PerPhaseMeasurementSize { get; private set; }
        public int Et34EntrySize { get; private set; }
        public int GroupIdCount { get; private set; }
        public int HarmonicsCount { get; private set; }
        public int MBusMulticastLength { get; private set; }
        public int Et22AlarmSize { get; private set; }

        /// <summary>ET11.22: data sources per ET50 element (6 on meters, 20 on CPM modules).</summary>
        public int MepDataSources { get; private set; }

        public int Et48EntryCount { get; private set; }
        public int MaxCriticalEventBitmaps { get; private set; }
        public int Et57EntryCount { get; private set; }
        public int TimeBasedRelaySwitches { get; private set; }
        public int DeltaDataAlertSources { get; private set; }
        public int RamOnlyRequestLength { get; private set; }
        public int RamOnlyResponseLength { get; private set; }

        /// <summary>ET11.34: number of MEP channels (fw ≥ 4.0; ET50 has one element before 4.0).</summary>
        public int MepChannelCount { get; private set; }

        public int ErrorScreenCount { get; private set; }

        /// <summary>Every field Absent, so bad arguments leave nothing stale: an empty window covers none.</summary>
        protected override void Clear()
        {
            Read(NoData, 0, 0, 0);
        }

        protected override string? Decode(byte[] data, int offset, int count, int tableOffset)
        {
            Read(data, offset, count, tableOffset);
            return AnyField() ? null : ErrorNoField;
        }

        public override void WriteJsonFields(JsonWriter w)
        {
            WriteKnown(w, "device_count", DeviceCount);
            WriteKnown(w, "et13_entry_size", Et13EntrySize);
            WriteKnown(w, "et14_entry_size", Et14EntrySize);
            WriteKnown(w, "et15_queue_size", Et15QueueSize);
            WriteKnown(w, "et15_entry_size", Et15EntrySize);
            WriteKnown(w, "et16_data_entry_size", Et16DataEntrySize);
            WriteKnown(w, "et52_request_length", Et52RequestLength);
            WriteKnown(w, "et53_response_length", Et53ResponseLength);
            WriteKnown(w, "on_demand_write_entry_size", OnDemandWriteEntrySize);
            WriteKnown(w, "per_phase_measurement_size", PerPhaseMeasurementSize);
            WriteKnown(w, "et34_entry_size", Et34EntrySize);
            WriteKnown(w, "group_id_count", GroupIdCount);
            WriteKnown(w, "harmonics_count", HarmonicsCount);
            WriteKnown(w, "mbus_multicast_length", MBusMulticastLength);
            WriteKnown(w, "et22_alarm_size", Et22AlarmSize);
            WriteKnown(w, "mep_data_sources", MepDataSources);
            WriteKnown(w, "et48_entry_count", Et48EntryCount);
            WriteKnown(w, "max_critical_event_bitmaps", MaxCriticalEventBitmaps);
            WriteKnown(w, "et57_entry_count", Et57EntryCount);
            WriteKnown(w, "time_based_relay_switches", TimeBasedRelaySwitches);
            WriteKnown(w, "delta_data_alert_sources", DeltaDataAlertSources);
            WriteKnown(w, "ram_only_request_length", RamOnlyRequestLength);
            WriteKnown(w, "ram_only_response_length", RamOnlyResponseLength);
            WriteKnown(w, "mep_channel_count", MepChannelCount);
            WriteKnown(w, "error_screen_count", ErrorScreenCount);
        }

        private void Read(byte[] data, int offset, int count, int tableOffset)
        {
            DeviceCount = TableWindow.UInt8(data, offset, count, tableOffset, 0);
            Et13EntrySize = TableWindow.UInt8(data, offset, count, tableOffset, 1);
            Et14EntrySize = TableWindow.UInt8(data, offset, count, tableOffset, 2);
            Et15QueueSize = TableWindow.UInt8(data, offset, count, tableOffset, 3);
            Et15EntrySize = TableWindow.UInt8(data, offset, count, tableOffset, 4);
            Et16DataEntrySize = TableWindow.UInt16LE(data, offset, count, tableOffset, 5);
            Et52RequestLength = TableWindow.UInt16LE(data, offset, count, tableOffset, 7);
            Et53ResponseLength = TableWindow.UInt16LE(data, offset, count, tableOffset, 9);
            OnDemandWriteEntrySize = TableWindow.UInt8(data, offset, count, tableOffset, 11);
            PerPhaseMeasurementSize = TableWindow.UInt8(data, offset, count, tableOffset, 12);
            Et34EntrySize = TableWindow.UInt8(data, offset, count, tableOffset, 13);
            GroupIdCount = TableWindow.UInt8(data, offset, count, tableOffset, 18);
            HarmonicsCount = TableWindow.UInt8(data, offset, count, tableOffset, 19);
            MBusMulticastLength = TableWindow.UInt8(data, offset, count, tableOffset, 20);
            Et22AlarmSize = TableWindow.UInt8(data, offset, count, tableOffset, 21);
            MepDataSources = TableWindow.UInt8(data, offset, count, tableOffset, 22);
            Et48EntryCount = TableWindow.UInt8(data, offset, count, tableOffset, 23);
            MaxCriticalEventBitmaps = TableWindow.UInt8(data, offset, count, tableOffset, 24);
            Et57EntryCount = TableWindow.UInt8(data, offset, count, tableOffset, 25);
            TimeBasedRelaySwitches = TableWindow.UInt8(data, offset, count, tableOffset, 26);
            DeltaDataAlertSources = TableWindow.UInt8(data, offset, count, tableOffset, 27);
            RamOnlyRequestLength = TableWindow.UInt16LE(data, offset, count, tableOffset, 28);
            RamOnlyResponseLength = TableWindow.UInt16LE(data, offset, count, tableOffset, 30);
            MepChannelCount = TableWindow.UInt8(data, offset, count, tableOffset, 34);
            ErrorScreenCount = TableWindow.UInt8(data, offset, count, tableOffset, 38);
        }

        private bool AnyField()
        {
            int[] all = new int[]
            {
                DeviceCount, Et13EntrySize, Et14EntrySize, Et15QueueSize, Et15EntrySize, Et16DataEntrySize,
                Et52RequestLength, Et53ResponseLength, OnDemandWriteEntrySize, PerPhaseMeasurementSize,
                Et34EntrySize, GroupIdCount, HarmonicsCount, MBusMulticastLength, Et22AlarmSize, MepDataSources,
                Et48EntryCount, MaxCriticalEventBitmaps, Et57EntryCount, TimeBasedRelaySwitches,
                DeltaDataAlertSources, RamOnlyRequestLength, RamOnlyResponseLength, MepChannelCount, ErrorScreenCount,
            };
            for (int i = 0; i < all.Length; i++)
            {
                if (all[i] != TableWindow.Absent)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
