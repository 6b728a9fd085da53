namespace NesMep.Firmware.Web
{
    /// <summary>
    /// The web UI files built into the firmware (Resources.resx: each file of webui/ as NAME and its gzip copy as
    /// NAME_gz, made by scripts/firmware-webui.sh). Names match what the core's WebHeaders.FileFor accepts. The
    /// Resources class is generated from Resources.resx by the nanoFramework toolchain (nFResXFileCodeGenerator); a new
    /// UI file needs a line here, two entries in Resources.resx and a run of the script.
    /// </summary>
    internal static class WebResourceTable
    {
        public static string[] Names()
        {
            return new string[]
            {
            "app.css",
            "app.js",
            "config.html",
            "config.js",
            "console.html",
            "console.js",
            "dash.js",
            "icon.svg",
            "index.html",
            "log.html",
            "log.js",
            "login.html",
            "login.js",
            "setup.html",
            "setup.js",
            "status.html",
            "status.js",
            "update.html",
            "update.js",
            };
        }

        public static Resources.BinaryResources Raw(int index)
        {
            Resources.BinaryResources[] all = new Resources.BinaryResources[]
            {
            Resources.BinaryResources.app_css,
            Resources.BinaryResources.app_js,
            Resources.BinaryResources.config_html,
            Resources.BinaryResources.config_js,
            Resources.BinaryResources.console_html,
            Resources.BinaryResources.console_js,
            Resources.BinaryResources.dash_js,
            Resources.BinaryResources.icon_svg,
            Resources.BinaryResources.index_html,
            Resources.BinaryResources.log_html,
            Resources.BinaryResources.log_js,
            Resources.BinaryResources.login_html,
            Resources.BinaryResources.login_js,
            Resources.BinaryResources.setup_html,
            Resources.BinaryResources.setup_js,
            Resources.BinaryResources.status_html,
            Resources.BinaryResources.status_js,
            Resources.BinaryResources.update_html,
            Resources.BinaryResources.update_js,
            };
            return all[index];
        }

        public static Resources.BinaryResources Gzip(int index)
        {
            Resources.BinaryResources[] all = new Resources.BinaryResources[]
            {
            Resources.BinaryResources.app_css_gz,
            Resources.BinaryResources.app_js_gz,
            Resources.BinaryResources.config_html_gz,
            Resources.BinaryResources.config_js_gz,
            Resources.BinaryResources.console_html_gz,
            Resources.BinaryResources.console_js_gz,
            Resources.BinaryResources.dash_js_gz,
            Resources.BinaryResources.icon_svg_gz,
            Resources.BinaryResources.index_html_gz,
            Resources.BinaryResources.log_html_gz,
            Resources.BinaryResources.log_js_gz,
            Resources.BinaryResources.login_html_gz,
            Resources.BinaryResources.login_js_gz,
            Resources.BinaryResources.setup_html_gz,
            Resources.BinaryResources.setup_js_gz,
            Resources.BinaryResources.status_html_gz,
            Resources.BinaryResources.status_js_gz,
            Resources.BinaryResources.update_html_gz,
            Resources.BinaryResources.update_js_gz,
            };
            return all[index];
        }
    }
}
