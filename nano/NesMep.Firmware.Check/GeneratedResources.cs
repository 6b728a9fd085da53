using System.Resources;

// Stand-in for the Resources.Designer.cs that the nanoFramework toolchain generates from
// src/NesMep.Firmware/Resources.resx on a workstation (nFResXFileCodeGenerator): the same class, enum and GetBytes
// shape as the generated file, so the firmware's use of it is compile-checked here. The enum values are not the
// generator's (it derives them from the names); only the device build's generated file is deployed.
namespace NesMep.Firmware
{
    internal partial class Resources
    {
        private static ResourceManager? manager;

        internal static ResourceManager ResourceManager
        {
            get
            {
                if (manager == null)
                {
                    manager = new ResourceManager("NesMep.Firmware.Resources", typeof(Resources).Assembly);
                }

                return manager;
            }
        }

        internal static byte[] GetBytes(BinaryResources id)
        {
            return (byte[])nanoFramework.Runtime.Native.ResourceUtility.GetObject(ResourceManager, id);
        }

        internal enum BinaryResources : short
        {
            app_css = 1,
            app_css_gz = 2,
            app_js = 3,
            app_js_gz = 4,
            config_html = 5,
            config_html_gz = 6,
            config_js = 7,
            config_js_gz = 8,
            console_html = 9,
            console_html_gz = 10,
            console_js = 11,
            console_js_gz = 12,
            dash_js = 13,
            dash_js_gz = 14,
            icon_svg = 15,
            icon_svg_gz = 16,
            index_html = 17,
            index_html_gz = 18,
            log_html = 19,
            log_html_gz = 20,
            log_js = 21,
            log_js_gz = 22,
            login_html = 23,
            login_html_gz = 24,
            login_js = 25,
            login_js_gz = 26,
            status_html = 27,
            status_html_gz = 28,
            status_js = 29,
            status_js_gz = 30,
            update_html = 31,
            update_html_gz = 32,
            update_js = 33,
            update_js_gz = 34,
            setup_html = 35,
            setup_html_gz = 36,
            setup_js = 37,
            setup_js_gz = 38,
        }
    }
}
