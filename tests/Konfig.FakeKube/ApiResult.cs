using System.Text.Json.Nodes;

namespace Konfig.FakeKube;

/// <summary>An answer to one API request: an HTTP status and a JSON body (an object, a list or a Status).</summary>
internal sealed record ApiResult(int StatusCode, JsonNode Body)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    public static ApiResult Ok(JsonNode body) => new(200, body);

    public static ApiResult Created(JsonNode body) => new(201, body);
}
