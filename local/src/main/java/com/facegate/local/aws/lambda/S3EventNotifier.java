package com.facegate.local.aws.lambda;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The bucket's notification configuration: each rule matching a new object gets its own event, as in S3. */
public final class S3EventNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(S3EventNotifier.class);

    private final List<NotificationRule> rules = new CopyOnWriteArrayList<>();
    private final S3EventJson events;
    private final AsyncLambdaInvoker invoker;
    private final Sequencer sequencer = new Sequencer();
    private final NotificationDelay delay;
    private final SplittableRandom random = new SplittableRandom();

    public S3EventNotifier(S3EventJson events, AsyncLambdaInvoker invoker) {
        this(events, invoker, NotificationDelay.NONE);
    }

    /** Each event handed over after a delay drawn from {@code delay} (S3's own takes seconds, sometimes more). */
    public S3EventNotifier(S3EventJson events, AsyncLambdaInvoker invoker, NotificationDelay delay) {
        this.events = events;
        this.invoker = invoker;
        this.delay = delay;
    }

    public void addRule(NotificationRule rule) {
        Objects.requireNonNull(rule);
        if (rules.stream().anyMatch(r -> r.configurationId().equals(rule.configurationId()))) {
            throw new IllegalArgumentException("duplicate configurationId " + rule.configurationId());
        }
        rules.add(rule);
        invoker.resume(rule.configurationId(), rule.target()); // what a stopped or crashed run left for this rule
    }

    public List<NotificationRule> rules() {
        return List.copyOf(rules);
    }

    public String nextSequencer() {
        return sequencer.next();
    }

    public void objectCreated(ObjectCreated created) {
        for (NotificationRule rule : rules) {
            if (rule.matches(created.key())) {
                LOG.debug("{} {} -> {}", created.eventName(), created.key(), rule.configurationId());
                Duration wait;
                synchronized (random) {
                    wait = delay.draw(random);
                }
                invoker.invokeAsyncAfter(wait, rule.configurationId(), rule.target(),
                        events.event(created, rule.configurationId()));
            }
        }
    }

    public AsyncLambdaInvoker invoker() {
        return invoker;
    }
}
