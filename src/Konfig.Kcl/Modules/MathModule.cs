using Konfig.Kcl.Values;
using static Konfig.Kcl.Modules.KclValues;

namespace Konfig.Kcl.Modules;

/// <summary>The <c>math</c> module.</summary>
internal static class MathModule
{
    public static void Register(ModuleBuilder m)
    {
        m.Function("ceil", a => Arg(a, 0, "x", "ceil") switch
        {
            IntValue i => i,
            var v => Int(Saturate(Math.Ceiling(Number(v, "ceil")))),
        });
        m.Function("floor", a => Arg(a, 0, "x", "floor") switch
        {
            IntValue i => i,
            var v => Int(Saturate(Math.Floor(Number(v, "floor")))),
        });
        m.Function("factorial", a => Factorial(a));
        m.Function("gcd", a => a.Get(0, "a") is IntValue x && a.Get(1, "b") is IntValue y
            ? Int(Gcd(x.Value, y.Value))
            : throw new KclRuntimeException($"gcd() takes exactly two arguments ({a.Count} given)"));
        m.Function("isfinite", a => Arg(a, 0, "x", "isfinite") switch
        {
            IntValue or BoolValue => Bool(true),
            var v => Bool(double.IsFinite(Number(v, "isfinite"))),
        });
        m.Function("isinf", a => Arg(a, 0, "x", "isinf") switch
        {
            IntValue or BoolValue => Bool(false),
            var v => Bool(double.IsInfinity(Number(v, "isinf"))),
        });
        m.Function("isnan", a => Arg(a, 0, "x", "isnan") switch
        {
            IntValue or BoolValue => Bool(false),
            var v => Bool(double.IsNaN(Number(v, "isnan"))),
        });
        m.Function("modf", a => Modf(Arg(a, 0, "x", "modf")));
        m.Function("exp", a => Float(Math.Exp(Number(Arg(a, 0, "x", "exp"), "exp"))));
        m.Function("expm1", a => Float(ExpM1(Number(Arg(a, 0, "x", "expm1"), "expm1"))));
        m.Function("log", a =>
        {
            var x = Arg(a, 0, "x", "log");
            var logBase = a.Get(1, "e") is { } b and (IntValue or FloatValue) ? Number(b, "log") : Math.E;
            var result = Math.Log(Number(x, "log")) / Math.Log(logBase);
            if (logBase == Math.E)
            {
                result = Math.Log(Number(x, "log"));
            }

            // The reference returns an int for an int argument.
            return x is IntValue ? Int(Saturate(result)) : Float(result);
        });
        m.Function("log1p", a => Float(LogOnePlus(Number(Arg(a, 0, "x", "log1p"), "log1p"))));
        m.Function("log2", a => Float(Math.Log2(Number(Arg(a, 0, "x", "log2"), "log2"))));
        m.Function("log10", a => Float(Math.Log10(Number(Arg(a, 0, "x", "log10"), "log10"))));
        m.Function("pow", a => Float(Math.Pow(Number(Arg(a, 0, "x", "pow"), "pow"), Number(a.Get(1, "n") ?? throw new KclRuntimeException("pow() takes exactly two arguments (1 given)"), "pow"))));
        m.Function("sqrt", a => Float(Math.Sqrt(Number(Arg(a, 0, "x", "sqrt"), "sqrt"))));
        m.Constant("pi", Float(Math.PI));
        m.Constant("e", Float(Math.E));
        m.Constant("tau", Float(Math.Tau));
        m.Constant("inf", Float(double.PositiveInfinity));
        m.Constant("nan", Float(double.NaN));
    }

    private static KclValue Arg(Args args, int index, string name, string function) =>
        args.Get(index, name) ?? throw new KclRuntimeException($"{function}() takes exactly one argument (0 given)");

    private static double Number(KclValue value, string function) => AsDouble(value, function);

    private static long Saturate(double value) =>
        double.IsNaN(value) ? 0 : value >= 9.2233720368547758E+18 ? long.MaxValue : value <= -9.2233720368547758E+18 ? long.MinValue : (long)value;

    private static KclValue Factorial(Args args)
    {
        static long Compute(long n)
        {
            if (n >= 21)
            {
                throw new KclRuntimeException("factorial() result overflow");
            }

            long result = 1;
            for (var i = 2; i <= n; i++)
            {
                result *= i;
            }

            return result;
        }

        switch (args.Get(0, "x"))
        {
            case IntValue i when i.Value >= 0:
                return Int(Compute(i.Value));
            case FloatValue f when f.Value >= 0 && Math.Truncate(f.Value) == f.Value:
                return Float(Compute((long)f.Value));
            case null:
                throw new KclRuntimeException("factorial() takes exactly one argument (0 given)");
            default:
                throw new KclRuntimeException("factorial() only accepts integral values");
        }
    }

    private static long Gcd(long a, long b)
    {
        a = Math.Abs(a);
        b = Math.Abs(b);
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    private static KclValue Modf(KclValue value)
    {
        if (value is IntValue i)
        {
            return List([Float(0.0), Float(i.Value)]);
        }

        var x = Number(value, "modf");
        if (double.IsInfinity(x))
        {
            return List([Float(Math.CopySign(0.0, x)), Float(x)]);
        }

        if (double.IsNaN(x))
        {
            return List([Float(x), Float(x)]);
        }

        var whole = Math.Truncate(x);
        return List([Float(x - whole), Float(whole)]);
    }

    // exp(x) - 1 and ln(1 + x) without cancellation near zero, as Rust's exp_m1/ln_1p.
    private static double ExpM1(double x) => Math.Abs(x) < 1e-5 ? x + (x * x / 2) + (x * x * x / 6) : Math.Exp(x) - 1;

    private static double LogOnePlus(double x)
    {
        if (Math.Abs(x) > 1e-4)
        {
            return Math.Log(1 + x);
        }

        return x - (x * x / 2) + (x * x * x / 3);
    }
}
