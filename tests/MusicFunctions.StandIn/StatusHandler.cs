namespace MusicFunctions.StandIn;

/// <summary><c>GET /v1/music/tasks/{task_id}</c>: answers the task as its script says and moves the script along.</summary>
internal static class StatusHandler
{
    public static async Task HandleAsync(HttpContext context, StandInState state)
    {
        var taskId = context.Request.RouteValues["task_id"] as string ?? "";
        state.CountStatus(taskId);
        var fault = state.Faults.TakeNext(StandInEndpoint.Status);
        if (await FaultAnswers.TryAnswerInsteadAsync(context, fault, StandInEndpoint.Status))
        {
            return;
        }

        if (!ApiKeyCheck.IsAuthorized(context.Request, state.Options.ApiKey))
        {
            await FaultAnswers.WriteJsonAsync(context, StatusCodes.Status401Unauthorized, Envelopes.InvalidApiKey(), fault);
            return;
        }

        var task = state.FindTask(taskId);
        if (task is null)
        {
            await FaultAnswers.WriteJsonAsync(context, StatusCodes.Status404NotFound, Envelopes.TaskNotFound(), fault);
            return;
        }

        var view = task.Poll(state.Now);
        var body = Envelopes.Success(TaskJson.Render(task, view, RequestUrls.Root(context.Request)));
        var delivered = await FaultAnswers.WriteJsonAsync(context, StatusCodes.Status200OK, body, fault);
        if (delivered && view.IsTerminal)
        {
            task.MarkTerminalServed(state.Now);
        }
    }
}
