using NesMep.Core.Json;

namespace NesMep.Core.Tables
{
    /// <summary>
    /// ET11 MFG Dimension Table (reference §5.11). Works on any window (the guide's transaction example
    /// reads only 10 bytes): each field is decoded if inside the data, else reads
    /// <see cref="TableWindow.Absent"/>. UINT16 fields are little-endian (the Dabbler firmware reads
    /// them big-endian).
    /// </summary>
    public sealed class Et11Dimensions : IJsonWritable, ITableFields
    {
        public const string ErrorNoField = "window holds no ET11 field";

        public bool IsKnown { get; private set; }

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

        public bool TryDecode(byte[] data, int offset, int count, out string error)
        {
            return TryDecode(data, offset, count, 0, out error);
        }

        public bool TryDecode(byte[] data, int offset, int count, int tableOffset, out string error)
        {
            IsKnown = false;
            bool valid = TableWindow.IsValid(data, offset, count, tableOffset);
            if (!valid)
            {
                // Keep all fields Absent: read from an empty window.
                data = new byte[0];
                offset = 0;
                count = 0;
                tableOffset = 0;
            }

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
            if (!valid)
            {
                error = TableWindow.ErrorBadArguments;
                return false;
            }

            if (!AnyField())
            {
                error = ErrorNoField;
                return false;
            }

            IsKnown = true;
            error = null;
            return true;
        }

        public void WriteJson(JsonWriter w)
        {
            w.BeginObject();
            WriteJsonFields(w);
            w.EndObject();
        }

        public void WriteJsonFields(JsonWriter w)
        {
            WriteInt(w, "device_count", DeviceCount);
            WriteInt(w, "et13_entry_size", Et13EntrySize);
            WriteInt(w, "et14_entry_size", Et14EntrySize);
            WriteInt(w, "et15_queue_size", Et15QueueSize);
            WriteInt(w, "et15_entry_size", Et15EntrySize);
            WriteInt(w, "et16_data_entry_size", Et16DataEntrySize);
            WriteInt(w, "et52_request_length", Et52RequestLength);
            WriteInt(w, "et53_response_length", Et53ResponseLength);
            WriteInt(w, "on_demand_write_entry_size", OnDemandWriteEntrySize);
            WriteInt(w, "per_phase_measurement_size", PerPhaseMeasurementSize);
            WriteInt(w, "et34_entry_size", Et34EntrySize);
            WriteInt(w, "group_id_count", GroupIdCount);
            WriteInt(w, "harmonics_count", HarmonicsCount);
            WriteInt(w, "mbus_multicast_length", MBusMulticastLength);
            WriteInt(w, "et22_alarm_size", Et22AlarmSize);
            WriteInt(w, "mep_data_sources", MepDataSources);
            WriteInt(w, "et48_entry_count", Et48EntryCount);
            WriteInt(w, "max_critical_event_bitmaps", MaxCriticalEventBitmaps);
            WriteInt(w, "et57_entry_count", Et57EntryCount);
            WriteInt(w, "time_based_relay_switches", TimeBasedRelaySwitches);
            WriteInt(w, "delta_data_alert_sources", DeltaDataAlertSources);
            WriteInt(w, "ram_only_request_length", RamOnlyRequestLength);
            WriteInt(w, "ram_only_response_length", RamOnlyResponseLength);
            WriteInt(w, "mep_channel_count", MepChannelCount);
            WriteInt(w, "error_screen_count", ErrorScreenCount);
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

        private static void WriteInt(JsonWriter w, string name, int value)
        {
            if (value != TableWindow.Absent)
            {
                w.Property(name, value);
            }
        }
    }
}
