using NesMep.Core.Json;
using NesMep.Core.Lifecycle;

namespace NesMep.Core.Web
{
    /// <summary>
    /// /api/v1/update (docs/firmware.md, "Updates, rollback and recovery"), device only: GET says
    /// which web UI set runs and whether it is on trial; POST takes an update file as the raw body
    /// (application/octet-stream) after login with the session's CSRF token, streamed into the
    /// free slot by <see cref="UpdateReceiver"/> without holding it, then asks for the reboot that
    /// starts the trial. Holds app.Sync only for the login checks, never during the upload.
    /// </summary>
    public static class UpdateEndpoint
    {
        public const string ContentType = "application/octet-stream";

        /// <summary>Bytes read from the connection at a time.</summary>
        public const int ChunkBytes = 512;

        public static WebResponse Handle(WebRequest request, WebApp app)
        {
            DeviceLifecycle? life = app.Lifecycle;
            if (life == null)
            {
                return WebResponse.Error(404, "web UI updates are only available on the device (platform " + app.Platform.Platform + ")");
            }

            bool get = request.Method == "GET" || request.Method == "HEAD";
            if (!get && request.Method != "POST")
            {
                return WebResponse.MethodNotAllowed(RouteTable.UpdatePath, "GET, HEAD, POST");
            }

            Session? session;
            WebResponse? refused;
            lock (app.Sync)
            {
                refused = WebAuth.Authorize(request, app, !get, out session);
            }

            if (refused != null)
            {
                return refused;
            }

            return get ? Status(life.Updates) : Upload(request, life, app);
        }

        private static WebResponse Upload(WebRequest request, DeviceLifecycle life, WebApp app)
        {
            string type = request.ContentType == null ? "" : WebText.ToLowerAscii(request.ContentType).Trim();
            if (type != ContentType)
            {
                return WebResponse.Error(415, "send the update file as the raw body with Content-Type " + ContentType);
            }

            if (request.BodySource == null)
            {
                return WebResponse.Error(500, "this host did not stream the request body");
            }

            UpdateReceiver? receiver = life.Updates.BeginUpload();
            if (receiver == null)
            {
                return WebResponse.Error(409, "another upload is in progress");
            }

            try
            {
                string? error = Receive(request, receiver);
                if (error != null)
                {
                    app.Log.Write(Platform.LogLevel.Warning, "update refused: " + error);
                    return WebResponse.Error(receiver.ErrorStatus, error);
                }

                UpdateManifest m = receiver.Manifest!; // set once Finish succeeded
                life.UploadComplete(m.Version);
                app.Log.Write(Platform.LogLevel.Info, "web UI " + m.Version + " staged in set " + UpdateState.SlotName(receiver.Slot) + "; rebooting to try it");
                JsonWriter w = new JsonWriter();
                w.BeginObject();
                w.Property("staged", true);
                w.Property("version", m.Version);
                w.Property("files", m.Count);
                w.Property("bytes", m.PackBytes);
                w.Property("restart_in_s", (int)(LifecycleLimits.RebootDelayMs / 1000));
                w.EndObject();
                return new WebResponse(200, w.ToString());
            }
            catch (System.Exception e)
            {
                // A flash error mid-way: drop what was written; the boot repairs whatever this could not.
                try
                {
                    receiver.Abort();
                }
                catch (System.Exception)
                {
                }

                app.Log.Write(Platform.LogLevel.Error, "update failed: " + e.Message);
                return WebResponse.Error(500, "writing the update failed: " + e.Message);
            }
            finally
            {
                life.Updates.EndUpload(receiver);
            }
        }

        private static string? Receive(WebRequest request, UpdateReceiver receiver)
        {
            string? error = receiver.Begin(request.ContentLength);
            if (error != null)
            {
                return error;
            }

            IRequestBody body = request.BodySource!; // checked by the caller
            byte[] buffer = new byte[ChunkBytes];
            while (true)
            {
                int n = body.Read(buffer, 0, buffer.Length);
                if (n <= 0)
                {
                    return receiver.Finish();
                }

                error = receiver.Write(buffer, 0, n);
                if (error != null)
                {
                    return error;
                }
            }
        }

        private static WebResponse Status(UpdateManager updates)
        {
            UpdateState s = updates.State;
            UpdateManifest? active = updates.ActiveManifest;
            JsonWriter w = new JsonWriter();
            w.BeginObject();
            w.Property("kind", UpdateManifest.WebUiKind);
            w.Property("set", UpdateState.SlotName(updates.ServingSlot));
            w.Property("version", active == null ? null : active.Version);
            w.Property("on_trial", s.OnTrial);
            w.Property("trial_boots", s.TrialBoots);
            w.Property("max_trial_boots", LifecycleLimits.MaxTrialBoots);
            w.Property("confirm_after_s", (int)(LifecycleLimits.ConfirmAfterMs / 1000));
            w.Property("pending", s.Pending != 0);
            w.Property("last_rollback", s.LastRollback.Length == 0 ? null : s.LastRollback);
            w.Property("max_upload_bytes", LifecycleLimits.MaxUploadBytes);
            w.Property("problem", updates.BootProblem);
            w.EndObject();
            return new WebResponse(200, w.ToString());
        }
    }
}
