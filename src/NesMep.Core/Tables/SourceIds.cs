namespace NesMep.Core.Tables
{
    /// <summary>
    /// BT22/BT27 source ids (protocol reference §5.4) and the default register orders of BT23 (§5.5)
    /// and BT28 (§5.7). <see cref="Unknown"/> marks a position whose source id is not known.
    /// </summary>
    public static class SourceIds
    {
        public const int Unknown = -1;

        public const int FwdActiveWh = 0;
        public const int RevActiveWh = 1;
        public const int ImportReactiveVArh = 2;
        public const int ExportReactiveVArh = 3;
        public const int PowerOffSeconds = 4;
        public const int PowerOutageCount = 5;
        public const int FwdPlusRevActiveWh = 6;
        public const int FwdMinusRevActiveWh = 7;
        public const int FwdActiveW = 8;
        public const int RevActiveW = 9;
        public const int ImportReactiveVAr = 10;
        public const int ExportReactiveVAr = 11;
        public const int CurrentL1 = 12;
        public const int CurrentL2 = 13;
        public const int CurrentL3 = 14;
        public const int VoltageL1 = 15;
        public const int VoltageL2 = 16;
        public const int VoltageL3 = 17;
        public const int PowerFactorL1 = 18;
        public const int Frequency = 19;
        public const int ApparentPowerVA = 20;
        public const int PowerFactorL2 = 21;
        public const int PowerFactorL3 = 22;
        public const int SinPhaseAngleL1 = 23;
        public const int SinPhaseAngleL2 = 24;
        public const int SinPhaseAngleL3 = 25;
        public const int PulseInputCh0 = 26;
        public const int PulseInputCh1 = 27;
        public const int ErrorCounter = 28;

        /// <summary>First tier source id: 29 + 11·tier + k is the tier T0–T3 variant of <see cref="TierBase"/>[k].</summary>
        public const int FirstTierSource = 29;
        public const int LastTierSource = 72;

        public const int FwdActiveWCtVt = 81;
        public const int RevActiveWCtVt = 82;
        public const int ImportReactiveVArCtVt = 83;
        public const int ExportReactiveVArCtVt = 84;
        public const int Q1ReactiveVAr = 104;
        public const int Q2ReactiveVAr = 105;
        public const int Q3ReactiveVAr = 106;
        public const int Q4ReactiveVAr = 107;
        public const int Q1ReactiveVArh = 108;
        public const int Q2ReactiveVArh = 109;
        public const int Q3ReactiveVArh = 110;
        public const int Q4ReactiveVArh = 111;
        public const int FwdActiveWL1 = 185;
        public const int FwdActiveWL2 = 186;
        public const int FwdActiveWL3 = 187;
        public const int RevActiveWL1 = 188;
        public const int RevActiveWL2 = 189;
        public const int RevActiveWL3 = 190;
        public const int CurrentL1CtVt = 197;
        public const int CurrentL2CtVt = 198;
        public const int CurrentL3CtVt = 199;
        public const int ContinuousVoltageL1 = 202;
        public const int ContinuousVoltageL2 = 203;
        public const int ContinuousVoltageL3 = 204;
        public const int AvgVoltageL1 = 205;
        public const int AvgVoltageL2 = 206;
        public const int AvgVoltageL3 = 207;
        public const int AvgFwdActiveW = 208;
        public const int AvgRevActiveW = 209;
        public const int AvgFwdActiveWL1 = 210;
        public const int AvgFwdActiveWL2 = 211;
        public const int AvgFwdActiveWL3 = 212;
        public const int AvgRevActiveWL1 = 213;
        public const int AvgRevActiveWL2 = 214;
        public const int AvgRevActiveWL3 = 215;
        public const int NeutralCurrent = 232;
        public const int AvgCurrentL1 = 233;
        public const int AvgCurrentL2 = 234;
        public const int AvgCurrentL3 = 235;
        public const int VoltageAngleAB = 236;
        public const int VoltageAngleBC = 237;
        public const int VoltageAngleCA = 238;
        public const int ImportReactiveVArL1 = 239;
        public const int ImportReactiveVArL2 = 240;
        public const int ImportReactiveVArL3 = 241;
        public const int ExportReactiveVArL1 = 242;
        public const int ExportReactiveVArL2 = 243;
        public const int ExportReactiveVArL3 = 244;

        /// <summary>Base source of each tier variant (11 per tier, §5.4 "29–72").</summary>
        private static readonly int[] TierBase = new int[] { 0, 1, 2, 3, 4, 5, 6, 7, 26, 27, 28 };

        /// <summary>
        /// Default BT23 summation order, summation #n → source id (§5.5). #15–18 (apparent energy VAh
        /// Q1–Q4, fw ≥ 4.0) have no source id in the reference and are <see cref="Unknown"/>.
        /// </summary>
        public static readonly int[] DefaultBt23Order = new int[]
        {
            0, 1, 2, 3, 4, 5, 6, 7, 26, 27, 28, 108, 109, 110, 111, Unknown, Unknown, Unknown, Unknown,
        };

        /// <summary>Default BT28 present value order, position #n → source id (§5.7 table, positions 0–83).</summary>
        public static readonly int[] DefaultBt28Order = new int[]
        {
            8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
            18, 19, 20, 21, 22, 23, 24, 25, 81, 82,
            83, 84, 104, 105, 106, 107, 185, 186, 187, 188,
            189, 190, 191, 192, 193, 194, 195, 196, 197, 198,
            199, 202, 203, 204, 205, 206, 207, 208, 209, 210,
            211, 212, 213, 214, 215, 216, 217, 218, 219, 220,
            221, 222, 223, 224, 225, 226, 227, 228, 229, 230,
            231, 232, 233, 234, 235, 236, 237, 238, 239, 240,
            241, 242, 243, 244,
        };

        /// <summary>Default BT23 source of summation #n, or <see cref="Unknown"/>.</summary>
        public static int DefaultBt23Source(int n)
        {
            return n >= 0 && n < DefaultBt23Order.Length ? DefaultBt23Order[n] : Unknown;
        }

        /// <summary>Default BT28 source of present value #n, or <see cref="Unknown"/>.</summary>
        public static int DefaultBt28Source(int n)
        {
            return n >= 0 && n < DefaultBt28Order.Length ? DefaultBt28Order[n] : Unknown;
        }

        /// <summary>snake_case name with unit, e.g. "fwd_active_w", "rms_current_l1_ma"; "source_&lt;n&gt;" if unnamed.</summary>
        public static string Name(int sourceId)
        {
            if (sourceId >= FirstTierSource && sourceId <= LastTierSource)
            {
                int rel = sourceId - FirstTierSource;
                return "t" + (rel / 11).ToString() + "_" + Name(TierBase[rel % 11]);
            }

            string? n = FixedName(sourceId);
            if (n != null)
            {
                return n;
            }

            return sourceId == Unknown ? "unknown_source" : "source_" + sourceId.ToString();
        }

        private static string? FixedName(int id)
        {
            switch (id)
            {
                case 0: return "fwd_active_wh";
                case 1: return "rev_active_wh";
                case 2: return "import_reactive_varh";
                case 3: return "export_reactive_varh";
                case 4: return "power_off_s";
                case 5: return "power_outage_count";
                case 6: return "fwd_plus_rev_active_wh";
                case 7: return "fwd_minus_rev_active_wh";
                case 8: return "fwd_active_w";
                case 9: return "rev_active_w";
                case 10: return "import_reactive_var";
                case 11: return "export_reactive_var";
                case 12: return "rms_current_l1_ma";
                case 13: return "rms_current_l2_ma";
                case 14: return "rms_current_l3_ma";
                case 15: return "rms_voltage_l1_mv";
                case 16: return "rms_voltage_l2_mv";
                case 17: return "rms_voltage_l3_mv";
                case 18: return "power_factor_l1_milli";
                case 19: return "frequency_mhz";
                case 20: return "apparent_power_va";
                case 21: return "power_factor_l2_milli";
                case 22: return "power_factor_l3_milli";
                case 23: return "sin_phase_angle_l1_milli";
                case 24: return "sin_phase_angle_l2_milli";
                case 25: return "sin_phase_angle_l3_milli";
                case 26: return "pulse_input_ch0";
                case 27: return "pulse_input_ch1";
                case 28: return "error_count";
                case 81: return "fwd_active_w_ctvt";
                case 82: return "rev_active_w_ctvt";
                case 83: return "import_reactive_var_ctvt";
                case 84: return "export_reactive_var_ctvt";
                case 104: return "q1_reactive_var";
                case 105: return "q2_reactive_var";
                case 106: return "q3_reactive_var";
                case 107: return "q4_reactive_var";
                case 108: return "q1_reactive_varh";
                case 109: return "q2_reactive_varh";
                case 110: return "q3_reactive_varh";
                case 111: return "q4_reactive_varh";
                case 185: return "fwd_active_w_l1";
                case 186: return "fwd_active_w_l2";
                case 187: return "fwd_active_w_l3";
                case 188: return "rev_active_w_l1";
                case 189: return "rev_active_w_l2";
                case 190: return "rev_active_w_l3";
                case 197: return "rms_current_l1_ma_ctvt";
                case 198: return "rms_current_l2_ma_ctvt";
                case 199: return "rms_current_l3_ma_ctvt";
                case 202: return "continuous_rms_voltage_l1_mv";
                case 203: return "continuous_rms_voltage_l2_mv";
                case 204: return "continuous_rms_voltage_l3_mv";
                case 205: return "avg_rms_voltage_l1_mv";
                case 206: return "avg_rms_voltage_l2_mv";
                case 207: return "avg_rms_voltage_l3_mv";
                case 208: return "avg_fwd_active_w";
                case 209: return "avg_rev_active_w";
                case 210: return "avg_fwd_active_w_l1";
                case 211: return "avg_fwd_active_w_l2";
                case 212: return "avg_fwd_active_w_l3";
                case 213: return "avg_rev_active_w_l1";
                case 214: return "avg_rev_active_w_l2";
                case 215: return "avg_rev_active_w_l3";
                case 232: return "neutral_current_ma";
                case 233: return "avg_rms_current_l1_ma";
                case 234: return "avg_rms_current_l2_ma";
                case 235: return "avg_rms_current_l3_ma";
                case 236: return "voltage_angle_ab_centideg";
                case 237: return "voltage_angle_bc_centideg";
                case 238: return "voltage_angle_ca_centideg";
                case 239: return "import_reactive_var_l1";
                case 240: return "import_reactive_var_l2";
                case 241: return "import_reactive_var_l3";
                case 242: return "export_reactive_var_l1";
                case 243: return "export_reactive_var_l2";
                case 244: return "export_reactive_var_l3";
                default: return null;
            }
        }
    }
}
