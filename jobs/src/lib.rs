//! The jobs worker: takes the messages of the jobs queue (`{"job": id}`) and runs each job
//! (`civic_edge::jobs`). The public worker queues them and answers at once; this worker is
//! never on a visitor's request, so the heavy parts (the HTML parser of old-site imports,
//! the ZIP writer and reader of backups) are paid for here only.
#![forbid(unsafe_code)]

#[cfg(target_arch = "wasm32")]
mod queue {
    use civic_shared::jobs::Message;
    use worker::{event, Context, Env, MessageBatch, MessageExt, Result};

    #[event(queue)]
    async fn queue(batch: MessageBatch<Message>, env: Env, _ctx: Context) -> Result<()> {
        for message in batch.messages()? {
            let job = message.body().job;
            match civic_edge::jobs::run(&env, job).await {
                Ok(()) => message.ack(),
                // The row could not be read or written: the job ends failed if the row can
                // be written now (nobody waits for it in vain); if not, storage is down and
                // the queue delivers the message again (`max_retries` in jobs/wrangler.toml).
                Err(err) => {
                    worker::console_error!("job {job}: {err:?}");
                    match civic_edge::jobs::give_up(&env, job).await {
                        Ok(()) => message.ack(),
                        Err(_) => message.retry(),
                    }
                }
            }
        }
        Ok(())
    }
}
