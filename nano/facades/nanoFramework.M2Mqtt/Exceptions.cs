// Facade of nanoFramework.M2Mqtt 5.1.206 (NuGet package nanoFramework.M2Mqtt), nanoFramework.M2Mqtt.Exceptions.MqttClientException, MqttCommunicationException and MqttConnectionException.
// Declarations only, written by us from the upstream nanoframework/nanoFramework.m2mqtt sources; build-time use only, never shipped.
// Connect wraps socket and TLS failures in MqttConnectionException; a send failure or a missing answer within the
// timeout surfaces as MqttCommunicationException; a full in-flight queue as MqttClientException.
namespace nanoFramework.M2Mqtt.Exceptions
{
    public class MqttClientException : System.Exception
    {
        internal MqttClientException() => throw null;
    }

    public class MqttCommunicationException : System.Exception
    {
        public MqttCommunicationException() => throw null;
        public MqttCommunicationException(System.Exception e) => throw null;
    }

    public class MqttConnectionException : System.Exception
    {
        public MqttConnectionException(string message, System.Exception innerException) => throw null;
    }
}
