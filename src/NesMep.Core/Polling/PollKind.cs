namespace NesMep.Core.Polling
{
    /// <summary>What a <see cref="PollItem"/> reads, so the poller knows how to decode the reply.</summary>
    public static class PollKind
    {
        public const int Clock = 0;
        public const int General = 1;
        public const int Manufacturer = 2;
        public const int Dimensions = 3;
        public const int Summations = 4;
        public const int PresentSelection = 5;
        public const int Utility = 6;
        public const int MfgDimensions = 7;
        public const int MepFlags = 8;
        public const int SystemInfo = 9;
        public const int Energy = 10;
        public const int Power = 11;
        public const int Slow = 12;
        public const int AlertFlags = 13;
        public const int Procedure = 14;
        public const int ProcedureResult = 15;
    }
}
