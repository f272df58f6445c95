package io.attune.bootstrap.wiring;

import io.attune.application.port.in.InquiryCommands;
import io.attune.application.port.in.InquiryDuties;
import io.attune.application.port.in.InquiryQueries;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.application.port.out.InquiryRepository;
import io.attune.application.port.out.SchemaValidator;
import io.attune.application.port.out.SecretCipher;
import io.attune.application.port.out.TransactionRunner;
import io.attune.application.service.Dispatch;
import io.attune.application.service.EndListener;
import io.attune.application.service.EventRecorder;
import io.attune.application.service.ExecutionEnding;
import io.attune.application.service.InquiryService;
import io.attune.application.service.WaitListener;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;

/**
 * Builds what runs inquiries (core.ask): the service behind the executor's inquiry duties, the API's inquiry commands
 * and queries, and the listener that cancels an inquiry whose execution ended otherwise. Every {@link WaitListener}
 * bean (a waiting task's workflow) is told when an execution starts waiting.
 */
@Factory
public class InquiryFactory {

    @Singleton
    @Bean(typed = {InquiryService.class, InquiryDuties.class, InquiryCommands.class, InquiryQueries.class})
    InquiryService inquiryService(InquiryRepository inquiries, ExecutionRepository executions, SchemaValidator schemas,
                                  SecretCipher cipher, EventRecorder events, Dispatch dispatch, ExecutionEnding ending,
                                  List<WaitListener> waiters, TransactionRunner tx, Clock clock) {
        return new InquiryService(inquiries, executions, schemas, cipher, events, dispatch, ending, waiters, tx, clock);
    }

    /**
     * An inquirer execution's end reaches its inquiry inside the ending's transaction. The service is looked up when an
     * end comes (it is built after the ending, which it ends executions through).
     */
    @Singleton
    EndListener inquiryEnds(BeanProvider<InquiryService> inquiries) {
        return (ended, pending) -> inquiries.ifPresent(service -> service.onEnded(ended, pending));
    }
}
