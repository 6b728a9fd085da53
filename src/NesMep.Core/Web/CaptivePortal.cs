using NesMep.Core.Network;

namespace NesMep.Core.Web
{
    /// <summary>
    /// The web side of the access point's captive portal (docs/firmware.md, "First boot, access point and setup
    /// security"). The captive DNS responder answers every name with 192.168.4.1, so a phone's connectivity probe
    /// reaches the module; answering it with anything but the expected reply (Android's 204, Apple's "Success"
    /// page, Windows' "Microsoft Connect Test") makes the phone open its sign-in window, and the redirect leads that
    /// window to the portal. Requests for any other foreign host name are sent there too, instead of the 403 of the
    /// DNS-rebinding check (the portal's own address passes it). Only while the access point is up; otherwise the
    /// probe paths are unknown like any other (the module never sees them: the network's DNS does not point there).
    /// </summary>
    public static class CaptivePortal
    {
        /// <summary>The access point of this boot is up (its captive DNS leads phones here).</summary>
        public static bool Active(WebApp app)
        {
            NesMep.Core.Provisioning.ProvisioningMachine? p = app.Provisioning;
            return p != null && p.InAccessPoint;
        }

        /// <summary>A request for another host name while the access point is up: it gets <see cref="Redirect"/>.</summary>
        public static bool IsForeignHost(WebRequest request, WebApp app)
        {
            return Active(app) && !HostHeaderCheck.IsAllowed(request.Host, app.Settings.Hostname);
        }

        /// <summary>One of the probe paths of <see cref="RouteTable"/>: the redirect while the access point is up, else 404.</summary>
        public static WebResponse Probe(WebRequest request, WebApp app)
        {
            return Active(app) ? Redirect() : WebResponse.Error(404, "no such resource: " + WebText.StripQuery(request.Path));
        }

        /// <summary>302 to <see cref="AccessPoint.PortalUrl"/>, with a link for clients that do not follow redirects.</summary>
        public static WebResponse Redirect()
        {
            WebResponse r = new WebResponse(302, "<!doctype html><title>NesMep setup</title><a href=\"" + AccessPoint.PortalUrl +
                "\">Set up this NesMep module</a>");
            r.ContentType = WebHeaders.Html;
            r.Location = AccessPoint.PortalUrl;
            return r;
        }
    }
}
