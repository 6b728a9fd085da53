// Compile probe: each facade used the way issue 11's adapters will use it (never run, never shipped).
// If a facade signature does not fit that use, this file stops the build; src/NesMep.Firmware replaces it.
using System;
using System.Device.Gpio;
using System.Device.Wifi;
using System.IO;
using System.IO.Ports;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Resources;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using nanoFramework.Hardware.Esp32;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Exceptions;
using nanoFramework.M2Mqtt.Messages;
using nanoFramework.Networking;
using nanoFramework.Runtime.Native;
using nanoFramework.WebServer;

namespace NesMep.Firmware.Probe
{
    internal static class FirmwareProbe
    {
        private const int ReceiveBufferBytes = 1024;

        // UART: pins routed through the matrix before the port exists, buffer sized before Open, no blocking Read.
        internal static int ExchangeWithMeter(byte[] request, byte[] reply, AutoResetEvent wake)
        {
            bool c3 = SystemInfo.TargetName.IndexOf("C3") >= 0;
            Configuration.SetPinFunction(c3 ? 6 : 16, DeviceFunction.COM2_RX);
            Configuration.SetPinFunction(c3 ? 7 : 17, DeviceFunction.COM2_TX);

            var port = new SerialPort("COM2", 9600, Parity.None, 8, StopBits.One);
            port.Handshake = Handshake.None;
            port.ReadBufferSize = ReceiveBufferBytes;
            port.ReadTimeout = 50;
            port.WriteTimeout = 500;
            port.DataReceived += (sender, e) =>
            {
                if (e.EventType == SerialData.Chars)
                {
                    wake.Set();
                }
            };
            port.Open();
            try
            {
                port.Write(request, 0, request.Length);
                wake.WaitOne(500, false);
                int available = port.BytesToRead;
                int take = available < reply.Length ? available : reply.Length;
                return take > 0 ? port.Read(reply, 0, take) : 0;
            }
            finally
            {
                port.Close();
                port.Dispose();
            }
        }

        // GPIO: MAX3232 supply and the MEP ENABLE line (active low).
        internal static void ResetTransceiver(GpioController gpio, int enablePin, int supplyPin)
        {
            GpioPin enable = gpio.OpenPin(enablePin, PinMode.Output);
            GpioPin supply = gpio.OpenPin(supplyPin, PinMode.Output);
            supply.Write(PinValue.Low);
            enable.Write(PinValue.High);
            Thread.Sleep(100);
            supply.Write(PinValue.High);
            enable.Write(PinValue.Low);
            gpio.RegisterCallbackForPinValueChangedEvent(0, PinEventTypes.Falling | PinEventTypes.Rising, (sender, e) =>
            {
                bool pressed = e.ChangeType == PinEventTypes.Falling;
                _ = pressed;
            });
            enable.ValueChanged += (sender, e) => _ = e.PinNumber;
            _ = gpio.Read(enablePin) == PinValue.Low;
        }

        // Wi-Fi: scan list for the setup page, station join, soft-AP settings applied at the next boot.
        internal static string[] ScanNetworks(WifiAdapter adapter, AutoResetEvent done)
        {
            adapter.AvailableNetworksChanged += (sender, e) => done.Set();
            adapter.ScanAsync();
            done.WaitOne(10000, false);
            WifiAvailableNetwork[] found = adapter.NetworkReport.AvailableNetworks;
            var names = new string[found.Length];
            for (int i = 0; i < found.Length; i++)
            {
                names[i] = found[i].Ssid + " " + found[i].NetworkRssiInDecibelMilliwatts.ToString("F0");
            }

            return names;
        }

        internal static bool JoinStation(string ssid, string password)
        {
            WifiAdapter adapter = WifiAdapter.FindAllAdapters()[0];
            WifiConnectionResult result = adapter.Connect(ssid, WifiReconnectionKind.Automatic, password);
            if (result.ConnectionStatus != WifiConnectionStatus.Success)
            {
                return false;
            }

            Wireless80211Configuration station = Wireless80211Configuration.GetAllWireless80211Configurations()[0];
            station.Ssid = ssid;
            station.Password = password;
            station.Options = Wireless80211Configuration.ConfigurationOptions.AutoConnect;
            station.SaveConfiguration();
            return NetworkInterface.GetIsNetworkAvailable();
        }

        internal static string ConfigureAccessPoint(string password)
        {
            NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < interfaces.Length; i++)
            {
                NetworkInterface ni = interfaces[i];
                if (ni.NetworkInterfaceType != NetworkInterfaceType.WirelessAP)
                {
                    continue;
                }

                byte[] mac = ni.PhysicalAddress;
                string ssid = "NesMep-" + mac[3].ToString("X2") + mac[4].ToString("X2") + mac[5].ToString("X2");
                WirelessAPConfiguration ap = WirelessAPConfiguration.GetAllWirelessAPConfigurations()[ni.SpecificConfigId];
                ap.Ssid = ssid;
                ap.Password = password;
                ap.Authentication = AuthenticationType.WPA2;
                ap.Options = WirelessAPConfiguration.ConfigurationOptions.AutoStart;
                ap.MaxConnections = 2;
                ap.SaveConfiguration();
                ni.EnableStaticIPv4("192.168.4.1", "255.255.255.0", "192.168.4.1");
                return ssid;
            }

            return string.Empty;
        }

        // UDP: the captive DNS and mDNS responders.
        internal static void AnswerOneQuery(int port, bool multicast)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                socket.Bind(new IPEndPoint(IPAddress.Any, port));
                if (multicast)
                {
                    byte[] group = IPAddress.Parse("224.0.0.251").GetAddressBytes();
                    byte[] membership = new byte[8];
                    Array.Copy(group, membership, 4);
                    socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, membership);
                }

                byte[] buffer = new byte[512];
                if (socket.Poll(100000, SelectMode.SelectRead))
                {
                    EndPoint remote = new IPEndPoint(IPAddress.Any, 0);
                    int length = socket.ReceiveFrom(buffer, ref remote);
                    socket.SendTo(buffer, 0, length, SocketFlags.None, remote);
                }
            }
            catch (SocketException e)
            {
                _ = e.ErrorCode;
            }
            finally
            {
                socket.Close();
            }
        }

        // SNTP: wall-clock time once the station is up.
        internal static void StartTime(string server)
        {
            Sntp.Server1 = server;
            Sntp.Start();
            _ = Sntp.IsStarted && DateTime.UtcNow.Year >= 2025;
        }

        // HTTP: the firmware's own listener loop hands every request to the core dispatcher.
        internal static void ServeOne(HttpListener listener, byte[] gzipBody)
        {
            HttpListenerContext context = listener.GetContext();
            HttpListenerRequest request = context.Request;
            string line = request.HttpMethod + " " + request.RawUrl + " from " + request.RemoteEndPoint.Address.ToString();
            string? token = request.Headers["Authorization"];
            long bodyLength = request.ContentLength64;
            if (bodyLength > 0)
            {
                byte[] body = new byte[(int)bodyLength];
                request.InputStream.Read(body, 0, body.Length);
            }

            HttpListenerResponse response = context.Response;
            response.StatusCode = token == null ? 401 : 200;
            response.ContentType = "text/html; charset=utf-8";
            response.Headers.Add("Content-Encoding", "gzip");
            response.ContentLength64 = gzipBody.Length;
            response.KeepAlive = false; // upstream parks a kept-alive connection on a thread of its own
            response.OutputStream.Write(gzipBody, 0, gzipBody.Length);
            response.Close();
            context.Close();
            _ = line;
        }

        // UI files: gzip'd resources streamed in chunks instead of loaded whole.
        internal enum BinaryResources : short
        {
            IndexHtmlGz = 1,
        }

        internal static void WriteResource(Stream output, int length)
        {
            var resources = new ResourceManager("NesMep.Firmware.Resources", typeof(FirmwareProbe).Assembly);
            const int Chunk = 512;
            for (int offset = 0; offset < length; offset += Chunk)
            {
                int count = length - offset < Chunk ? length - offset : Chunk;
                var part = (byte[])ResourceUtility.GetObject(resources, BinaryResources.IndexHtmlGz, offset, count);
                output.Write(part, 0, part.Length);
            }
        }

        internal static HttpListener StartListener()
        {
            var listener = new HttpListener("http", 80);
            listener.Start();
            return listener.IsListening ? listener : throw new InvalidOperationException("HTTP listener did not start");
        }

        // The alternative the firmware does not take (thread per request): it still has to compile.
        internal static WebServer StartWebServer()
        {
            var server = new WebServer(80, HttpProtocol.Http);
            server.CommandReceived += (sender, e) => e.Context.Response.StatusCode = 404;
            server.Start();
            return server;
        }

        // MQTT: TLS with a CA from I:\, last will, bounded in-flight queue.
        internal static bool ConnectMqtt(string host, string caPath, string user, string password)
        {
            byte[] caBytes;
            using (var file = new FileStream(caPath, FileMode.Open, FileAccess.Read))
            {
                caBytes = new byte[(int)file.Length];
                file.Read(caBytes, 0, caBytes.Length);
            }

            MqttSettings.Instance.InflightQueueSize = 4;
            var client = new MqttClient(host, MqttSettings.BrokerDefaultSslPort, true, new X509Certificate(caBytes), null, MqttSslProtocols.TLSv1_2);
            client.ProtocolVersion = MqttProtocolVersion.Version_3_1_1;
            client.MqttMsgPublishReceived += (sender, e) => _ = e.Topic + e.Message.Length;
            client.ConnectionClosed += (sender, e) => _ = client.IsConnected;
            try
            {
                MqttReasonCode code = client.Connect("nesmep-1", user, password, true, MqttQoSLevel.AtLeastOnce, true, "nesmep/status", "offline", true, 60);
                if (code != MqttReasonCode.Success)
                {
                    return false;
                }

                client.Subscribe(new[] { "homeassistant/status" }, new[] { MqttQoSLevel.AtMostOnce });
                client.Publish("nesmep/status", Encoding.UTF8.GetBytes("online"), null, null, MqttQoSLevel.AtLeastOnce, true);
                return client.IsConnected;
            }
            catch (MqttConnectionException)
            {
                return false;
            }
            catch (MqttCommunicationException)
            {
                client.Close();
                return false;
            }
            catch (MqttClientException)
            {
                client.Disconnect();
                return false;
            }
        }

        // Storage on the internal flash: write a temporary file, then replace (Move refuses an existing target).
        internal static void SaveFile(string name, byte[] data)
        {
            const string Root = "I:\\nesmep";
            if (!Directory.Exists(Root))
            {
                Directory.CreateDirectory(Root);
            }

            string path = Path.Combine(Root, name);
            string temporary = path + ".new";
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write))
            {
                file.Write(data, 0, data.Length);
                file.Flush();
            }

            if (File.Exists(path))
            {
                File.Delete(path);
            }

            File.Move(temporary, path);
        }

        // Platform HMAC, random bytes and free memory.
        internal static byte[] Sign(byte[] key, byte[] message, byte[] salt)
        {
            new Random().NextBytes(salt);
            uint freeBytes = nanoFramework.Runtime.Native.GC.Run(false);
            _ = freeBytes;
            using (var hmac = new HMACSHA256(key))
            {
                return hmac.ComputeHash(message);
            }
        }
    }
}
