namespace NesMep.Core.Api
{
    /// <summary>A response built by the core; each host only copies it onto its HTTP stack.</summary>
    public sealed class ApiResponse
    {
        public const string Json = "application/json";

        public ApiResponse(int status, string contentType, string body)
        {
            Status = status;
            ContentType = contentType;
            Body = body;
        }

        public int Status { get; private set; }

        public string ContentType { get; private set; }

        public string Body { get; private set; }
    }
}
