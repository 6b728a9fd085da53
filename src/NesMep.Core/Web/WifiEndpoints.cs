using NesMep.Core.Json;
using NesMep.Core.Platform;
using NesMep.Core.Provisioning;

namespace NesMep.Core.Web
{
    /// <summary>
    /// GET /api/v1/wifi/networks (the scan list and the setup state) and POST /api/v1/wifi/connect (leave the
    /// access point and join the saved network), for a logged-in browser. Device only: the Linux host has no
    /// <see cref="WebApp.Provisioning"/> and answers 501. Called under app.Sync.
    /// </summary>
    public static class WifiEndpoints
    {
        public static WebResponse Networks(WebRequest request, WebApp app)
        {
            Session? s;
            WebResponse? refused = WebAuth.Authorize(request, app, false, out s);
            ProvisioningMachine? p = app.Provisioning;
            if (refused != null || p == null)
            {
                return refused ?? NotHere(app);
            }

            p.RequestScan();
            JsonWriter w = new JsonWriter();
            w.BeginObject();
            w.Property("state", ProvisioningState.Name(p.State));
            w.Property("access_point", p.AccessPointSsid);
            w.Property("access_point_up", p.InAccessPoint);
            w.Property("setup_window_s", (int)(p.SetupWindowLeftMs / 1000));
            w.Property("scanning", p.Scanning);
            long age = p.ScanAgeMs;
            w.Name("scan_age_s");
            if (age < 0)
            {
                w.Null();
            }
            else
            {
                w.Fixed(age, 3);
            }

            w.Property("saved_ssid", app.Settings.WifiSsid);
            w.Name("networks").BeginArray();
            WifiNetwork[] list = p.Networks;
            for (int i = 0; i < list.Length; i++)
            {
                w.BeginObject();
                w.Property("ssid", list[i].Ssid);
                w.Property("rssi_dbm", list[i].RssiDbm);
                w.Property("secure", list[i].Secure);
                w.EndObject();
            }

            w.EndArray();
            w.EndObject();
            return new WebResponse(200, w.ToString());
        }

        public static WebResponse Connect(WebRequest request, WebApp app)
        {
            Session? s;
            FormBody? form;
            WebResponse? refused = WebAuth.AuthorizeForm(request, app, out s, out form);
            ProvisioningMachine? p = app.Provisioning;
            if (refused != null || p == null)
            {
                return refused ?? NotHere(app);
            }

            ModuleSettings settings = app.Settings;
            string? problem = p.FinishSetup(settings.WifiSsid.Length > 0, !app.SetupRequired);
            if (problem != null)
            {
                return WebResponse.Error(409, problem);
            }

            app.Log.Write(LogLevel.Info, "web: setup finished from " + request.Client + "; joining " + settings.WifiSsid);
            JsonWriter w = new JsonWriter();
            w.BeginObject();
            w.Property("restarting", true);
            w.Property("ssid", settings.WifiSsid);
            w.Property("url", "http://" + settings.Hostname + ".local/");
            w.EndObject();
            return new WebResponse(200, w.ToString());
        }

        private static WebResponse NotHere(WebApp app)
        {
            return WebResponse.Error(501, "Wi-Fi is handled by the module's firmware only (platform " + app.Platform.Platform + ")");
        }
    }
}
