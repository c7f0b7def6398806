import type { GlTextureInternals, GpuTexture } from '../gpujs.js';

const POLL_MS = 1;

/** Whether a gpu.js texture exposes the WebGL2 internals a non-blocking readback needs. */
export function canReadAsync(texture: GpuTexture): texture is GlTextureInternals {
  const internals = texture as Partial<GlTextureInternals>;
  return (
    typeof WebGL2RenderingContext !== 'undefined' &&
    internals.context instanceof WebGL2RenderingContext &&
    typeof internals.framebuffer === 'function' &&
    Array.isArray(internals.size)
  );
}

/**
 * Reads a float texture's RGBA pixels without blocking: readPixels into a pixel-pack buffer returns at
 * once, a fence marks when the GPU is done, and the copy out happens after it signals. gpu.js textures only
 * offer the blocking `toArray()`. The texture may be deleted as soon as this returns a promise.
 */
export function readTexturePixelsAsync(texture: GlTextureInternals): Promise<Float32Array> {
  const gl = texture.context;
  const [width, height] = texture.size;
  const pixels = new Float32Array(width * height * 4);
  gl.bindFramebuffer(gl.FRAMEBUFFER, texture.framebuffer());
  gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, texture.texture, 0);
  const buffer = gl.createBuffer();
  gl.bindBuffer(gl.PIXEL_PACK_BUFFER, buffer);
  gl.bufferData(gl.PIXEL_PACK_BUFFER, pixels.byteLength, gl.STREAM_READ);
  gl.readPixels(0, 0, width, height, gl.RGBA, gl.FLOAT, 0);
  gl.bindBuffer(gl.PIXEL_PACK_BUFFER, null);
  const sync = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
  gl.flush(); // a fence that is never submitted never signals
  const finish = (): Float32Array => {
    gl.bindBuffer(gl.PIXEL_PACK_BUFFER, buffer);
    gl.getBufferSubData(gl.PIXEL_PACK_BUFFER, 0, pixels);
    gl.bindBuffer(gl.PIXEL_PACK_BUFFER, null);
    gl.deleteBuffer(buffer);
    if (sync) gl.deleteSync(sync);
    return pixels;
  };
  return new Promise((resolve, reject) => {
    const poll = (): void => {
      const status = sync ? gl.clientWaitSync(sync, 0, 0) : gl.ALREADY_SIGNALED;
      if (status === gl.WAIT_FAILED) {
        gl.deleteBuffer(buffer);
        if (sync) gl.deleteSync(sync);
        reject(new Error('gpujs backend: clientWaitSync failed while reading a texture'));
      } else if (status === gl.TIMEOUT_EXPIRED) {
        setTimeout(poll, POLL_MS);
      } else {
        resolve(finish());
      }
    };
    poll();
  });
}
