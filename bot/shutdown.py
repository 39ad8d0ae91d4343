"""Stopping the bot within seconds, even when the Bot API does not answer.

On SIGTERM the bot stops fetching updates and finishes the ones in hand, which usually takes
well under a second. With the Bot API unreachable, finishing them would mean retrying sends for
as long as the retry policy allows, while a supervisor waits to restart the bot (and kills it,
store open, when its own stop timeout runs out). So the updates still in hand after a grace
period are abandoned, with a log line saying how many, and the bot exits cleanly.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from telegram.ext import Application

from bot.updates import PerChatUpdateProcessor

logger = logging.getLogger(__name__)

STOP_GRACE_SECONDS = 3.0  # to finish the updates in hand after the stop signal
ABANDON_SECONDS = 1.0  # to unwind once they are cancelled


async def stop_application(application: Application, grace: float = STOP_GRACE_SECONDS) -> None:
    """Stop the updater, then the application; abandon what is still running after `grace`."""
    stopping = asyncio.ensure_future(_stop_in_order(application))
    done, _ = await asyncio.wait({stopping}, timeout=grace)
    if done:
        stopping.result()
        return
    processor = application.update_processor
    abandoned = processor.abandon() if isinstance(processor, PerChatUpdateProcessor) else 0
    logger.warning(
        "stopping: the Bot API did not let the bot finish within %.0f s; "
        "%d update%s in hand abandoned unanswered",
        grace,
        abandoned,
        "" if abandoned == 1 else "s",
    )
    stopping.cancel()
    await asyncio.wait({stopping}, timeout=ABANDON_SECONDS)
    if application.running:  # cancelled while the updater was stopping
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(application.stop(), ABANDON_SECONDS)


async def _stop_in_order(application: Application) -> None:
    if application.updater is not None and application.updater.running:
        await application.updater.stop()
    await application.stop()  # handles the updates already fetched
