import type { LockErrorsEntries } from '../en/lock-errors.js';
import type { Translation } from '../text.js';

export const lockErrors = (): Translation<LockErrorsEntries> => ({
  noKernelLock: (p) => `文件锁：内核锁（fs-native-extensions）没有适用于 ${p.platform} 的构建（${p.reason}）：改用按持有者进程号判断的锁文件`,
  notYoursOtherUid: (p) => `锁文件 ${p.path} 不属于你（属于 uid ${p.uid}）：拒绝使用`,
  notYoursNotFile: (p) => `锁文件 ${p.path} 不属于你（不是普通文件）：拒绝使用`,
  notYoursHint: (p) => `如果你没有正在运行的 alipay-card 命令，请删除 ${p.path}`,
  symlink: (p) => `锁文件 ${p.path} 是符号链接：拒绝跟随`,
  symlinkHint: (p) => `请删除 ${p.path}；锁文件不应是链接`,
  noDirectory: (p) => `无法写入 ${p.dir}：目录不存在`,
  cannotCreate: (p) => `无法创建锁文件 ${p.path}：${p.reason}`,
  cannotRemoveStale: (p) => `无法删除过期的锁文件 ${p.path}：${p.reason}`,
  cannotRemoveStaleHint: (p) => `如果没有进程持有 ${p.lockPath}，请手动删除它；${p.hint}`,
});
