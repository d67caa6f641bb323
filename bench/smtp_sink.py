"""A tiny SMTP sink for bench/crisis.sh: accepts every message and counts them (stdlib only).

    python3 bench/smtp_sink.py PORT COUNT_FILE
"""
import asyncio
import sys

count = 0


async def session(reader, writer):
    global count
    writer.write(b"220 sink ESMTP\r\n")
    await writer.drain()
    while True:
        line = await reader.readline()
        if not line:
            break
        cmd = line[:4].upper()
        if cmd == b"EHLO":
            writer.write(b"250-sink\r\n250 8BITMIME\r\n")
        elif cmd == b"DATA":
            writer.write(b"354 go on\r\n")
            await writer.drain()
            while True:
                data = await reader.readline()
                if not data or data == b".\r\n":
                    break
            count += 1
            writer.write(b"250 queued\r\n")
        elif cmd == b"QUIT":
            writer.write(b"221 bye\r\n")
            await writer.drain()
            break
        else:
            writer.write(b"250 ok\r\n")
        await writer.drain()
    writer.close()


async def main(port, count_file):
    server = await asyncio.start_server(session, "127.0.0.1", port)
    async def report():
        while True:
            await asyncio.sleep(0.5)
            with open(count_file, "w") as f:
                f.write(str(count))
    asyncio.create_task(report())
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), sys.argv[2]))
