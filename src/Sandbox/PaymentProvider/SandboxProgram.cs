namespace Brigade.Sandbox.PaymentProvider;

/// <summary>The sandbox as its own process (<c>./brigade up</c> starts it on port 5015).</summary>
public static class SandboxProgram
{
    public static void Main(string[] args) => SandboxHost.Build(args).Run();
}
