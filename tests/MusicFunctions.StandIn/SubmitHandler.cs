namespace MusicFunctions.StandIn;

/// <summary><c>POST /v1/music/generations</c>: validates, creates a task, answers it PENDING.</summary>
internal static class SubmitHandler
{
    public static async Task HandleAsync(HttpContext context, StandInState state)
    {
        state.CountSubmit();
        var fault = state.Faults.TakeNext(StandInEndpoint.Submit);
        if (await FaultAnswers.TryAnswerInsteadAsync(context, fault, StandInEndpoint.Submit))
        {
            return;
        }

        if (!ApiKeyCheck.IsAuthorized(context.Request, state.Options.ApiKey))
        {
            await FaultAnswers.WriteJsonAsync(context, StatusCodes.Status401Unauthorized, Envelopes.InvalidApiKey(), fault);
            return;
        }

        var (request, error) = await SubmitBodyReader.ReadAsync(context.Request, context.RequestAborted);
        if (request is null)
        {
            await FaultAnswers.WriteJsonAsync(context, StatusCodes.Status400BadRequest, Envelopes.InvalidRequest(error), fault);
            return;
        }

        // The task exists from here on, even if a fault then keeps the client from hearing about it.
        var task = state.CreateTask(request);
        var body = Envelopes.Success(TaskJson.Render(task, TaskView.JustSubmitted, RequestUrls.Root(context.Request)));
        await FaultAnswers.WriteJsonAsync(context, StatusCodes.Status200OK, body, fault);
    }
}
