package com.facegate.engine.pipeline;

import com.facegate.engine.pipeline.tfjs.TfjsGraph;
import com.facegate.engine.pipeline.tfjs.TfjsToOnnx;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import com.facegate.engine.onnx.OnnxModels;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One ONNX model, its session created once from the classpath ({@code facegate/models/<name>.onnx}, or a TF.js
 * graph model converted at load, see {@link #loadTfjs}).
 * OrtSession.run is thread-safe, so one instance serves all threads. One intra-op thread per session:
 * measured faster than two on the 2-core target because concurrent requests already fill the cores.
 */
public final class OnnxModel implements AutoCloseable {
    private static final String RESOURCE_DIR = "facegate/models/";

    private final String name;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final String input;
    private volatile Consumer<Call> tap;

    /** One run's input as the pipeline made it: {@code bench engine} replays it bare to measure the floor. */
    public record Call(OnnxModel model, float[] data, long[] shape) {}

    private OnnxModel(String name, OrtEnvironment env, OrtSession session) throws OrtException {
        this.name = name;
        this.env = env;
        this.session = session;
        this.input = session.getInputNames().iterator().next();
    }

    /**
     * Loads a model. Session creation runs on a thread of its own with a large stack: ORT 1.29 needs deep native
     * stack while building a session and crashed the JVM (SIGSEGV) when created on a default-sized main thread of
     * a process started with a long command line (e.g. a Maven-computed classpath).
     */
    public static OnnxModel load(String name) {
        return onLoaderThread(name, () -> resource(name + ".onnx"));
    }

    /**
     * Loads a TF.js graph model ({@code facegate/models/<name>.json} and the weight files its manifest names),
     * converted to ONNX in memory; fails naming the first op or weight the converter cannot handle.
     */
    public static OnnxModel loadTfjs(String name) {
        return onLoaderThread(name, () -> {
            try {
                return TfjsToOnnx.convert(TfjsGraph.parse(resource(name + ".json"), OnnxModel::resource), name);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("cannot convert TF.js model " + name + ": " + e.getMessage(), e);
            }
        });
    }

    /** A model from serialised ONNX bytes (e.g. a converted graph), with the same session options. */
    public static OnnxModel fromBytes(String name, byte[] onnx) {
        return onLoaderThread(name, () -> onnx);
    }

    private static OnnxModel onLoaderThread(String name, Supplier<byte[]> bytes) {
        OnnxModel[] result = new OnnxModel[1];
        RuntimeException[] failure = new RuntimeException[1];
        Thread loader = new Thread(null, () -> {
            try {
                result[0] = create(name, OnnxModels.rewrite(bytes.get()));
            } catch (RuntimeException e) {
                failure[0] = e;
            }
        }, "facegate-model-loader", LOADER_STACK_BYTES);
        loader.start();
        try {
            loader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading model " + name, e);
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return result[0];
    }

    private static final long LOADER_STACK_BYTES = 64L << 20;

    private static OnnxModel create(String name, byte[] bytes) {
        OrtEnvironment env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            // Denormal floats are slow on x86 and irrelevant to these models: ~2-3 % faster end to end.
            options.addConfigEntry("session.set_denormal_as_zero", "1");
            return new OnnxModel(name, env, env.createSession(bytes, options));
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load model " + name, e);
        }
    }

    private static byte[] resource(String file) {
        String path = RESOURCE_DIR + file;
        try (InputStream in = OnnxModel.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("model " + path + " is not on the classpath (the build fetches it)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model " + path, e);
        }
    }

    public String name() {
        return name;
    }

    /** Hands a copy of every later run's input to {@code listener} (null: stop). For benchmarks only. */
    public void tap(Consumer<Call> listener) {
        tap = listener;
    }

    /** An input already in native memory, run with nothing around the session: the compute floor of a pass. */
    public Bare bare(float[] data, long... shape) {
        try {
            return new Bare(OnnxTensor.createTensor(env, FloatBuffer.wrap(data), shape));
        } catch (OrtException e) {
            throw new IllegalStateException("model " + name + ": cannot make a tensor", e);
        }
    }

    /** See {@link #bare}. */
    public final class Bare implements AutoCloseable {
        private final OnnxTensor tensor;

        private Bare(OnnxTensor tensor) {
            this.tensor = tensor;
        }

        /** One session run; the outputs stay native and are dropped. */
        public void run() {
            try (OrtSession.Result ignored = session.run(Map.of(input, tensor))) {
                // Only the session's own time counts.
            } catch (OrtException e) {
                throw new IllegalStateException("model " + name + " failed", e);
            }
        }

        @Override
        public void close() {
            tensor.close();
        }
    }

    /** Runs the model on one input tensor; returns every output flattened. */
    public Map<String, float[]> run(float[] data, long... shape) {
        Consumer<Call> t = tap;
        if (t != null) {
            t.accept(new Call(this, data.clone(), shape.clone()));
        }
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(data), shape);
             OrtSession.Result result = session.run(Map.of(input, tensor))) {
            Map<String, float[]> out = new HashMap<>();
            for (Map.Entry<String, OnnxValue> e : result) {
                out.put(e.getKey(), flatten((OnnxTensor) e.getValue()));
            }
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException("model " + name + " failed", e);
        }
    }

    /** Runs the model and returns its first (or only) output named {@code output}. */
    public float[] run1(String output, float[] data, long... shape) {
        return run(data, shape).get(output);
    }

    private static float[] flatten(OnnxTensor t) {
        FloatBuffer b = t.getFloatBuffer();
        float[] a = new float[b.remaining()];
        b.get(a);
        return a;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // Nothing to recover at shutdown.
        }
    }
}
