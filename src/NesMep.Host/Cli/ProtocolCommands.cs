using System.CommandLine;
using NesMep.Core.Json;
using NesMep.Core.Protocol;
using NesMep.Core.Tables;

namespace NesMep.Host.Cli;

/// <summary>The offline protocol tools: digest, frame, table.</summary>
internal static class ProtocolCommands
{
    public static Command Digest(TextWriter stdout)
    {
        var key = new Option<string>("--key") { Description = "MEP key: 20 characters, 40 hex digits or 32 hex digits", Required = true };
        var hex = new Option<string>("--hex") { Description = "the bytes to sign (spaces allowed)", Required = true };
        var command = new Command("digest", "Print the 8-byte MEP digest of the given bytes as hex") { key, hex };
        command.SetAction(result =>
        {
            MepKey k = CliInput.Key(result.GetValue(key));
            byte[] body = CliInput.HexBytes(result.GetValue(hex), "--hex");
            byte[] digest = new byte[MepDigest.Size];
            new MepDigest(k).Compute(body, 0, body.Length, digest, 0);
            stdout.WriteLine(Hex.Format(digest));
            return 0;
        });
        return command;
    }

    public static Command Frame(TextWriter stdout)
    {
        var key = new Option<string>("--key") { Description = "MEP key the frames were signed with", Required = true };
        var request = new Option<string>("--request") { Description = "whole request frame as hex, length field included", Required = true };
        var response = new Option<string?>("--response") { Description = "whole response frame as hex" };
        var bt21 = new Option<string?>("--bt21") { Description = "BT21 data (hex) to locate BT23/BT28 values" };
        var bt22 = new Option<string?>("--bt22") { Description = "BT22 data (hex), needs --bt21" };
        var bt27 = new Option<string?>("--bt27") { Description = "BT27 data (hex), needs --bt21" };
        var command = new Command("frame", "Describe a request frame and optionally its response as JSON")
        {
            key, request, response, bt21, bt22, bt27,
        };
        command.SetAction(result =>
        {
            var digest = new MepDigest(CliInput.Key(result.GetValue(key)));
            byte[] req = CliInput.HexBytes(result.GetValue(request), "--request");
            string? responseHex = result.GetValue(response);
            Bt21Dimensions? dims = CliInput.Bt21(result.GetValue(bt21));
            Bt22Selection? summations = CliInput.Bt22(result.GetValue(bt22), dims);
            Bt27Selection? present = CliInput.Bt27(result.GetValue(bt27), dims);

            var w = new JsonWriter();
            w.BeginObject().Name("request");
            string? error = MepFrameJson.WriteRequest(req, 0, req.Length, digest, w);
            if (error != null)
            {
                throw new CliError("--" + error);
            }

            if (responseHex != null)
            {
                byte[] resp = CliInput.HexBytes(responseHex, "--response");
                w.Name("response");
                error = MepFrameJson.WriteResponse(req, 0, req.Length, resp, 0, resp.Length, digest, dims, present, summations, w);
                if (error != null)
                {
                    throw new CliError("--" + error);
                }
            }

            w.EndObject();
            stdout.WriteLine(w.ToString());
            return 0;
        });
        return command;
    }

    public static Command Table(TextWriter stdout)
    {
        var id = new Option<string>("--id") { Description = "table: BT00, BT01, BT21, BT22, BT23, BT27, BT28, BT52, BT55, ET03, ET04, ET11, ET13, ET50, ET59…", Required = true };
        var data = new Option<string>("--data") { Description = "table data as hex (spaces allowed)", Required = true };
        var offset = new Option<int>("--offset") { Description = "table offset of the data (for partial reads)", DefaultValueFactory = _ => 0 };
        var bt21 = new Option<string?>("--bt21") { Description = "BT21 data (hex), needed to locate BT23/BT28 values" };
        var bt22 = new Option<string?>("--bt22") { Description = "BT22 data (hex), needs --bt21" };
        var bt27 = new Option<string?>("--bt27") { Description = "BT27 data (hex), needs --bt21" };
        var command = new Command("table", "Decode table data as JSON") { id, data, offset, bt21, bt22, bt27 };
        command.SetAction(result =>
        {
            int tableId = CliInput.TableId(result.GetValue(id));
            byte[] bytes = CliInput.HexBytes(result.GetValue(data), "--data");
            int tableOffset = result.GetValue(offset);
            if (tableOffset < 0 || tableOffset > 0xFFFFFF)
            {
                throw new CliError("--offset must be 0..16777215");
            }

            Bt21Dimensions? dims = CliInput.Bt21(result.GetValue(bt21));
            Bt22Selection? summations = CliInput.Bt22(result.GetValue(bt22), dims);
            Bt27Selection? present = CliInput.Bt27(result.GetValue(bt27), dims);
            var w = new JsonWriter();
            if (!TableJson.TryWrite(tableId, bytes, 0, bytes.Length, tableOffset, dims, present, summations, w, out string? error))
            {
                throw new CliError(TableIds.Name(tableId) + ": " + error);
            }

            stdout.WriteLine(w.ToString());
            return 0;
        });
        return command;
    }
}
