namespace NesMep.Core.Model
{
    /// <summary>A Prometheus metric family that quantities are samples of (<see cref="QuantityTable"/>).</summary>
    public sealed class MetricFamily
    {
        public MetricFamily(string name, string type, string help, int decimals)
        {
            Name = name;
            Type = type;
            Help = help;
            Decimals = decimals;
        }

        public string Name { get; private set; }

        /// <summary>"counter" or "gauge".</summary>
        public string Type { get; private set; }

        public string Help { get; private set; }

        /// <summary>Decimal places that scale the meter's integer to the family's base unit.</summary>
        public int Decimals { get; private set; }
    }
}
