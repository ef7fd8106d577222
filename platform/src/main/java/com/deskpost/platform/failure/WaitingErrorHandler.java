package com.deskpost.platform.failure;

import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ContainerPausingBackOffHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.TopicPartitionOffset;
import org.springframework.scheduling.TaskScheduler;

/**
 * A listener container's error handler that tells our own infrastructure failing from everything else
 * ({@link Failures}). An infrastructure failure is never dead-lettered: the record is sought back, the
 * container is paused for a capped exponential back-off (1 s doubling to 30 s, for as long as the failure
 * lasts; pausing keeps it polling, so it stays in its group) and resumes by itself to retry the same
 * record; the wait is reported ({@link ConsumerWaits}). Every other failure goes to {@code otherwise} (the
 * dead-lettering handler), which dead-letters bad input at once and retries ordinary failures a few times.
 * Hand-written because spring-kafka's {@code CommonDelegatingErrorHandler} chooses by exception type only,
 * and a registry failure and an undecodable record are the same type.
 */
final class WaitingErrorHandler implements CommonErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(WaitingErrorHandler.class);

    private final CommonErrorHandler otherwise;
    private final DefaultErrorHandler waiting;
    private final ConsumerWaits waits;

    WaitingErrorHandler(CommonErrorHandler otherwise, ConsumerWaits waits, TaskScheduler scheduler) {
        this.otherwise = otherwise;
        this.waits = waits;
        this.waiting = new DefaultErrorHandler((record, exception) -> {
            // Unreachable with a back-off that never stops; refusing keeps the record where it is if it ever is.
            throw new IllegalStateException("An infrastructure failure is never dead-lettered", exception);
        }, InfrastructureWaits.backOff(), new ContainerPausingBackOffHandler(new ListenerContainerPauseService(null, scheduler)));
        this.waiting.setRetryListeners((record, exception, attempt) -> log.warn(
                "Waiting for {} to retry {}-{}@{} (attempt {}): {}", Failures.classify(exception).tag(), record.topic(),
                record.partition(), record.offset(), attempt, exception.getMessage()));
    }

    /** The handler an infrastructure failure goes to (noting the wait), or {@code otherwise}. */
    private CommonErrorHandler handlerFor(Exception exception, MessageListenerContainer container) {
        Failure failure = Failures.classify(exception);
        if (!failure.isInfrastructure()) {
            return otherwise;
        }
        waits.failed(consumerOf(container), failure, InfrastructureWaits.MAX_BACK_OFF, exception);
        return waiting;
    }

    /** The consumer group: every container and child container of one listener shares it. */
    static String consumerOf(MessageListenerContainer container) {
        String group = container.getGroupId();
        return group != null ? group : container.getListenerId();
    }

    @Override
    public boolean handleOne(Exception exception, ConsumerRecord<?, ?> record, Consumer<?, ?> consumer,
            MessageListenerContainer container) {
        return handlerFor(exception, container).handleOne(exception, record, consumer, container);
    }

    @Override
    public void handleRemaining(Exception exception, List<ConsumerRecord<?, ?>> records, Consumer<?, ?> consumer,
            MessageListenerContainer container) {
        handlerFor(exception, container).handleRemaining(exception, records, consumer, container);
    }

    @Override
    public void handleBatch(Exception exception, ConsumerRecords<?, ?> data, Consumer<?, ?> consumer,
            MessageListenerContainer container, Runnable invokeListener) {
        handlerFor(exception, container).handleBatch(exception, data, consumer, container, invokeListener);
    }

    @Override
    public <K, V> ConsumerRecords<K, V> handleBatchAndReturnRemaining(Exception exception, ConsumerRecords<?, ?> data,
            Consumer<?, ?> consumer, MessageListenerContainer container, Runnable invokeListener) {
        return handlerFor(exception, container).handleBatchAndReturnRemaining(exception, data, consumer, container,
                invokeListener);
    }

    @Override
    public void handleOtherException(Exception exception, Consumer<?, ?> consumer, MessageListenerContainer container,
            boolean batchListener) {
        otherwise.handleOtherException(exception, consumer, container, batchListener);
    }

    @Override
    public boolean seeksAfterHandling() {
        return otherwise.seeksAfterHandling();
    }

    @Override
    public boolean deliveryAttemptHeader() {
        return otherwise.deliveryAttemptHeader();
    }

    @Override
    public int deliveryAttempt(TopicPartitionOffset topicPartitionOffset) {
        return otherwise.deliveryAttempt(topicPartitionOffset);
    }

    @Override
    public boolean isAckAfterHandle() {
        return otherwise.isAckAfterHandle();
    }

    @Override
    public void setAckAfterHandle(boolean ack) {
        otherwise.setAckAfterHandle(ack);
        waiting.setAckAfterHandle(ack);
    }

    @Override
    public void clearThreadState() {
        otherwise.clearThreadState();
        waiting.clearThreadState();
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions,
            Runnable publishPause) {
        otherwise.onPartitionsAssigned(consumer, partitions, publishPause);
        waiting.onPartitionsAssigned(consumer, partitions, publishPause);
    }
}
