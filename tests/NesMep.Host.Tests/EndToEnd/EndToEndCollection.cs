using Xunit;

namespace NesMep.Host.Tests.EndToEnd;

/// <summary>
/// The end-to-end tests start real services, ports, pseudo-terminals and processes and some of them
/// measure time, so they run one at a time and not alongside the other test collections.
/// </summary>
[CollectionDefinition("EndToEnd", DisableParallelization = true)]
public sealed class EndToEndCollection
{
}
