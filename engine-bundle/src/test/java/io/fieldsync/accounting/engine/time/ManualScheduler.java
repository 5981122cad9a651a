package io.fieldsync.accounting.engine.time;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A single-threaded scheduler on a {@link ManualClock}: what is scheduled runs when the test moves the
 * clock past its time, on the test's thread, in time order. A task handed to {@link #execute} from the
 * test's thread runs at once (as {@code submit(...).get()} expects); one handed over while a task runs
 * waits for the next move, as it would wait behind the running task on a real single thread.
 */
public final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private final ManualClock clock;
    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private boolean running;
    private volatile boolean shutdown;

    public ManualScheduler(ManualClock clock) {
        this.clock = clock;
        clock.onAdvance(this::runUntil);
    }

    /** Runs whatever is due now (e.g. work handed over by a task that just ran), without moving the clock. */
    public void runDue() {
        runUntil(clock.instant());
    }

    /** How many tasks wait. */
    public synchronized int queued() {
        return (int) queue.stream().filter(task -> !task.isCancelled()).count();
    }

    private void runUntil(Instant target) {
        while (true) {
            Task<?> next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.due.isAfter(target) || running) {
                    return;
                }
                queue.poll();
                running = true;
            }
            try {
                if (next.due.isAfter(clock.instant())) {
                    clock.set(next.due);
                }
                next.runOnce();
            } finally {
                synchronized (this) {
                    running = false;
                    notifyAll();
                }
            }
        }
    }

    @Override
    public void execute(Runnable command) {
        if (shutdown) {
            throw new RejectedExecutionException("shut down");
        }
        boolean inline;
        synchronized (this) {
            inline = !running;
            if (inline) {
                running = true;
            }
        }
        if (!inline) {
            enqueue(new Task<>(new FutureTask<>(command, null), clock.instant(), 0));
            return;
        }
        try {
            command.run();
        } finally {
            synchronized (this) {
                running = false;
                notifyAll();
            }
        }
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return enqueue(new Task<>(new FutureTask<>(command, null), due(delay, unit), 0));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return enqueue(new Task<>(new FutureTask<>(callable), due(delay, unit), 0));
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return scheduleWithFixedDelay(command, initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return enqueue(new Task<>(command, due(initialDelay, unit), unit.toNanos(delay)));
    }

    private Instant due(long delay, TimeUnit unit) {
        return clock.instant().plus(Duration.ofNanos(unit.toNanos(Math.max(0, delay))));
    }

    private <V> Task<V> enqueue(Task<V> task) {
        if (shutdown) {
            throw new RejectedExecutionException("shut down");
        }
        synchronized (this) {
            queue.add(task);
        }
        return task;
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        synchronized (this) {
            List<Runnable> left = new ArrayList<>(queue);
            queue.clear();
            return left;
        }
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown;
    }

    /** Waits (in real time: another thread runs the task) until no task is running. */
    @Override
    public synchronized boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (running) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** A one-shot task (a FutureTask) or a repeating one (period > 0). */
    private final class Task<V> implements ScheduledFuture<V>, Runnable {

        private final Runnable work;
        private final long periodNanos;
        private final long order = sequence.incrementAndGet();
        private Instant due;
        private volatile boolean cancelled;

        Task(Runnable work, Instant due, long periodNanos) {
            this.work = work;
            this.due = due;
            this.periodNanos = periodNanos;
        }

        void runOnce() {
            if (cancelled) {
                return;
            }
            work.run();
            if (periodNanos > 0 && !cancelled && !shutdown) {
                due = clock.instant().plusNanos(periodNanos);
                synchronized (ManualScheduler.this) {
                    queue.add(this);
                }
            }
        }

        @Override
        public void run() {
            runOnce();
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(clock.instant(), due).toNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            Task<?> task = (Task<?>) other;
            int byTime = due.compareTo(task.due);
            return byTime != 0 ? byTime : Long.compare(order, task.order);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            cancelled = true;
            synchronized (ManualScheduler.this) {
                queue.remove(this);
            }
            return work instanceof FutureTask<?> future ? future.cancel(false) : true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return cancelled || (work instanceof FutureTask<?> future && future.isDone());
        }

        @Override
        @SuppressWarnings("unchecked")
        public V get() throws InterruptedException, java.util.concurrent.ExecutionException {
            if (work instanceof FutureTask<?> future) {
                return (V) future.get();
            }
            throw new UnsupportedOperationException("a repeating task has no result");
        }

        @Override
        @SuppressWarnings("unchecked")
        public V get(long timeout, TimeUnit unit) throws InterruptedException, java.util.concurrent.ExecutionException,
                java.util.concurrent.TimeoutException {
            if (work instanceof FutureTask<?> future) {
                return (V) future.get(timeout, unit);
            }
            throw new UnsupportedOperationException("a repeating task has no result");
        }
    }
}
