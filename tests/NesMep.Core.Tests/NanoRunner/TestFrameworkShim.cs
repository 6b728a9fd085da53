using System.Reflection;

// A net10 implementation of the part of nanoFramework.TestFramework that tests/NesMep.Core.NanoTests uses,
// so the device tests also run in every `dotnet test` (NanoTestsOnNet10). The signatures follow the facade in
// nano/facades/nanoFramework.TestFramework, which the nano compile check holds to the upstream library.
namespace nanoFramework.TestFramework
{
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class TestClassAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Method)]
    public sealed class TestMethodAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Method)]
    public sealed class SetupAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Method)]
    public sealed class CleanupAttribute : Attribute
    {
    }

    /// <summary>Thrown by <see cref="Assert"/> when a check fails.</summary>
    public sealed class AssertFailedException : Exception
    {
        public AssertFailedException(string? message)
            : base(message)
        {
        }
    }

    public static class Assert
    {
        public static void AreEqual(object? expected, object? actual, string? message = "")
        {
            if (!Equals(expected, actual))
            {
                Fail($"expected <{expected}> but was <{actual}>. {message}");
            }
        }

        public static void AreNotEqual(object? notExpected, object? actual, string? message = "")
        {
            if (Equals(notExpected, actual))
            {
                Fail($"did not expect <{actual}>. {message}");
            }
        }

        public static void IsTrue(bool condition, string? message = "")
        {
            if (!condition)
            {
                Fail("expected true. " + message);
            }
        }

        public static void IsFalse(bool condition, string? message = "")
        {
            if (condition)
            {
                Fail("expected false. " + message);
            }
        }

        public static void IsNull(object? value, string? message = "")
        {
            if (value != null)
            {
                Fail($"expected null but was <{value}>. {message}");
            }
        }

        public static void IsNotNull([System.Diagnostics.CodeAnalysis.NotNull] object? value, string? message = "")
        {
            if (value == null)
            {
                Fail("expected a value but was null. " + message);
            }
        }

        public static Exception ThrowsException(Type exceptionType, Action action, string? message = "")
        {
            try
            {
                action();
            }
            catch (Exception e) when (e.GetType() == exceptionType)
            {
                return e;
            }
            catch (Exception e)
            {
                Fail($"expected {exceptionType.Name} but {e.GetType().Name} was thrown: {e.Message}. {message}");
            }

            Fail($"expected {exceptionType.Name} but nothing was thrown. {message}");
            return null;
        }

        [System.Diagnostics.CodeAnalysis.DoesNotReturn]
        public static void Fail(string? message = "")
        {
            throw new AssertFailedException(message);
        }
    }

    public static class OutputHelper
    {
        [ThreadStatic]
        private static Action<string>? _sink;

        internal static Action<string>? Sink
        {
            get => _sink;
            set => _sink = value;
        }

        public static void WriteLine(string message)
        {
            _sink?.Invoke(message);
        }

        public static void Write(string message)
        {
            _sink?.Invoke(message);
        }
    }

    /// <summary>Finds and runs the device tests the way the nanoFramework launcher does: [TestClass] types, a
    /// fresh instance per class, [Setup] first, every [TestMethod], [Cleanup] last.</summary>
    internal static class NanoTestDiscovery
    {
        internal static IEnumerable<MethodInfo> TestMethods(Assembly assembly)
        {
            foreach (Type type in assembly.GetTypes())
            {
                if (type.GetCustomAttribute<TestClassAttribute>() == null)
                {
                    continue;
                }

                foreach (MethodInfo method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
                {
                    if (method.GetCustomAttribute<TestMethodAttribute>() != null)
                    {
                        yield return method;
                    }
                }
            }
        }

        internal static void Run(MethodInfo test, Action<string> output)
        {
            Type type = test.DeclaringType!;
            object? instance = type.IsAbstract && type.IsSealed ? null : Activator.CreateInstance(type);
            OutputHelper.Sink = output;
            try
            {
                Invoke(type, instance, typeof(SetupAttribute));
                try
                {
                    test.Invoke(test.IsStatic ? null : instance, null);
                }
                finally
                {
                    Invoke(type, instance, typeof(CleanupAttribute));
                }
            }
            catch (TargetInvocationException e) when (e.InnerException != null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            }
            finally
            {
                OutputHelper.Sink = null;
            }
        }

        private static void Invoke(Type type, object? instance, Type attribute)
        {
            foreach (MethodInfo m in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            {
                if (m.GetCustomAttribute(attribute) != null)
                {
                    m.Invoke(m.IsStatic ? null : instance, null);
                }
            }
        }
    }
}
